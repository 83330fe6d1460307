package org.anomaly4j.data;

import com.sun.net.httpserver.HttpServer;
import org.anomaly4j.AnomalyException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Downloads from a local HTTP server standing in for the official mirrors (no network here). */
class BenchmarkDownloadsTest {
    @TempDir
    Path dir;
    HttpServer server;
    final Map<String, byte[]> served = new HashMap<>();
    final List<String> requested = new ArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String file = exchange.getRequestURI().getPath().substring(1);
            requested.add(file);
            byte[] body = served.get(file);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    /** Four IDX files: n 8x8 images with labels i mod 10, train and test alike. */
    BenchmarkDownloads.Dataset idxSet(int n, String mirror) throws Exception {
        ByteArrayOutputStream img = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(img);
        d.writeInt(0x803);
        d.writeInt(n);
        d.writeInt(8);
        d.writeInt(8);
        for (int i = 0; i < n * 64; i++) {
            d.writeByte(i & 0xff);
        }
        ByteArrayOutputStream lab = new ByteArrayOutputStream();
        DataOutputStream l = new DataOutputStream(lab);
        l.writeInt(0x801);
        l.writeInt(n);
        for (int i = 0; i < n; i++) {
            l.writeByte(i % 10);
        }
        List<BenchmarkDownloads.Item> items = new ArrayList<>();
        for (String prefix : List.of("train", "t10k")) {
            for (String kind : List.of("images-idx3", "labels-idx1")) {
                String file = prefix + "-" + kind + "-ubyte.gz";
                byte[] body = gzip(kind.startsWith("images") ? img.toByteArray() : lab.toByteArray());
                served.put(file, body);
                items.add(new BenchmarkDownloads.Item(file, md5(body)));
            }
        }
        return new BenchmarkDownloads.Dataset("tiny-idx", List.of(mirror), items, List.of());
    }

    @Test
    void missingFilesAreFetchedCheckedAndReadAndPresentOnesAreNot() throws Exception {
        Path root = dir.resolve("mnist");
        BenchmarkDownloads.fetchMissing(idxSet(40, url()), root);
        assertThat(requested).hasSize(4);
        try (var s = Files.list(root)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no .part left").allMatch(f -> f.endsWith("-ubyte.gz"));
        }
        DatasetSplits splits = OneClassLayout.scan(root, "idx", "3", dir.resolve("cache"), 0.25, 1, 0, 0);
        assertThat(splits.test()).hasSize(40);

        requested.clear();
        Files.delete(root.resolve("t10k-labels-idx1-ubyte.gz"));
        BenchmarkDownloads.fetchMissing(idxSet(40, url()), root);
        assertThat(requested).as("only the missing file").containsExactly("t10k-labels-idx1-ubyte.gz");
    }

    @Test
    void aFileWithTheWrongChecksumIsNotKeptAndTheNextMirrorIsTried() throws Exception {
        BenchmarkDownloads.Dataset good = idxSet(10, url());
        List<BenchmarkDownloads.Item> wrong = good.items().stream()
                .map(i -> new BenchmarkDownloads.Item(i.file(), "00000000000000000000000000000000")).toList();
        Path root = dir.resolve("bad");
        assertThatThrownBy(() -> BenchmarkDownloads.fetchMissing(new BenchmarkDownloads.Dataset("tiny-idx",
                List.of(url() + "nothing-here/", url()), wrong, List.of()), root))
                .isInstanceOf(AnomalyException.class)
                .hasMessageContaining("nothing-here/train-images-idx3-ubyte.gz: HTTP 404")
                .hasMessageContaining("expected 00000000000000000000000000000000")
                .hasMessageContaining("Put the files yourself into " + root);
        assertThat(root).as("nothing half-downloaded, not even the folder").doesNotExist();
    }

    @Test
    void offlineTheMessageNamesTheFilesToPutThere() throws Exception {
        server.stop(0);
        Path root = dir.resolve("offline");
        assertThatThrownBy(() -> BenchmarkDownloads.fetchMissing("fashion-mnist", root, url()))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("cannot download train-images-idx3-ubyte.gz of fashion-mnist")
                .hasMessageContaining("127.0.0.1").hasMessageContaining("Offline?")
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz").hasMessageContaining("data.download");
        assertThat(root).as("no empty dataset folder left").doesNotExist();
    }

    @Test
    void anArchiveIsUnpackedToItsKnownFilesOnly() throws Exception {
        ByteArrayOutputStream tgz = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(tgz))) {
            for (String name : List.of("batches/data_batch_1.bin", "batches/test_batch.bin", "../../evil.bin", "batches/readme.html")) {
                byte[] body = name.getBytes();
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setSize(body.length);
                tar.putArchiveEntry(e);
                tar.write(body);
                tar.closeArchiveEntry();
            }
        }
        served.put("set.tar.gz", tgz.toByteArray());
        Path root = dir.resolve("cifar");
        BenchmarkDownloads.fetchMissing(new BenchmarkDownloads.Dataset("tiny-archive", List.of(url()),
                List.of(new BenchmarkDownloads.Item("set.tar.gz", md5(tgz.toByteArray()))), List.of("data_batch_1.bin", "test_batch.bin")), root);
        try (var s = Files.list(root)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("data_batch_1.bin", "test_batch.bin");
        }
        assertThat(Files.readString(root.resolve("test_batch.bin"))).isEqualTo("batches/test_batch.bin");
        assertThat(dir.resolve("evil.bin")).doesNotExist();
        requested.clear();
        BenchmarkDownloads.fetchMissing(new BenchmarkDownloads.Dataset("tiny-archive", List.of(url()),
                List.of(new BenchmarkDownloads.Item("set.tar.gz", "x")), List.of("data_batch_1.bin", "test_batch.bin")), root);
        assertThat(requested).as("unpacked files present: nothing fetched").isEmpty();
    }
}
