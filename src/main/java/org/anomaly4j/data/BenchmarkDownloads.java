package org.anomaly4j.data;

import me.tongfei.progressbar.ProgressBar;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.Progress;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Fetches the public one-class benchmark files (MNIST, Fashion-MNIST, CIFAR-10 binary) into {@code data.root} when
 * they are missing ({@code data.download}), from the datasets' official mirrors (the ones torchvision uses), each file
 * checked against its published MD5 and moved into place only when complete. Offline, the error names the files to
 * put there by hand.
 */
public final class BenchmarkDownloads {
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkDownloads.class);

    /** One file of a dataset and its published MD5. */
    public record Item(String file, String md5) {
    }

    /**
     * A dataset's mirrors (tried in turn) and files; {@code unpacked}: for a dataset that comes as one archive, the
     * files it is unpacked to (empty: the files are used as they come).
     */
    public record Dataset(String name, List<String> mirrors, List<Item> items, List<String> unpacked) {
    }

    private static final List<String> CIFAR_BATCHES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin");

    public static final Map<String, Dataset> DATASETS = Map.of(
            "mnist", new Dataset("mnist", List.of("https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"),
                    List.of(new Item("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
                            new Item("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
                            new Item("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
                            new Item("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c")), List.of()),
            "fashion-mnist", new Dataset("fashion-mnist", List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                    List.of(new Item("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                            new Item("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
                            new Item("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
                            new Item("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310")), List.of()),
            "cifar10", new Dataset("cifar10", List.of("https://www.cs.toronto.edu/~kriz/"),
                    List.of(new Item("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530")), CIFAR_BATCHES));

    private BenchmarkDownloads() {
    }

    /**
     * The files of {@code name} ({@code mnist}, {@code fashion-mnist}, {@code cifar10}) that {@code root} lacks, fetched;
     * {@code mirror} (may be empty) is tried first. Nothing is fetched when every file is there.
     */
    public static void fetchMissing(String name, Path root, String mirror) {
        Dataset d = DATASETS.get(name);
        if (d == null) {
            throw new AnomalyException("data.download: unknown dataset '" + name + "' (mnist, fashion-mnist, cifar10, or \"\" for none)");
        }
        List<String> mirrors = new ArrayList<>();
        if (mirror != null && !mirror.isBlank()) {
            mirrors.add(mirror.endsWith("/") ? mirror : mirror + "/");
        }
        mirrors.addAll(d.mirrors());
        fetchMissing(new Dataset(d.name(), mirrors, d.items(), d.unpacked()), root);
    }

    /** As above, for any dataset description (tests serve their own files). */
    static void fetchMissing(Dataset d, Path root) {
        if (!d.unpacked().isEmpty()) { // an archive: fetched only when one of its unpacked files is missing
            if (d.unpacked().stream().allMatch(f -> Files.isRegularFile(root.resolve(f)))) {
                return;
            }
            Item archive = d.items().get(0);
            Path tar = download(d, archive, root);
            untar(tar, root, d.unpacked());
            deleteQuietly(tar);
            return;
        }
        for (Item item : d.items()) {
            if (!present(root, item.file())) {
                download(d, item, root);
            }
        }
    }

    /** An IDX file counts as present gzipped or not ({@code OneClassLayout} reads both). */
    private static boolean present(Path root, String file) {
        return Files.isRegularFile(root.resolve(file))
                || file.endsWith(".gz") && Files.isRegularFile(root.resolve(file.substring(0, file.length() - 3)));
    }

    private static Path download(Dataset d, Item item, Path root) {
        Path target = root.resolve(item.file());
        Path part = root.resolve(item.file() + ".part");
        List<String> failures = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        boolean created = !Files.exists(root);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new AnomalyException("cannot create " + root + ": " + e.getMessage() + " (check permissions)", e);
        }
        for (String mirror : d.mirrors()) {
            String url = mirror + item.file();
            try {
                LOG.info("Downloading {} into {}", url, root);
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    r.body().close();
                    failures.add(url + ": HTTP " + r.statusCode());
                    continue;
                }
                long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
                String md5 = copyWithMd5(r.body(), part, length, item.file());
                if (!md5.equalsIgnoreCase(item.md5())) {
                    deleteQuietly(part);
                    failures.add(url + ": MD5 " + md5 + ", expected " + item.md5());
                    continue;
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (IOException | IllegalArgumentException e) {
                deleteQuietly(part);
                failures.add(url + ": " + e);
            } catch (InterruptedException e) {
                deleteQuietly(part);
                Thread.currentThread().interrupt();
                throw new AnomalyException("download of " + url + " interrupted", e);
            }
        }
        if (created) {
            deleteQuietly(root); // only if still empty: a failed first download leaves no empty dataset folder
        }
        throw new AnomalyException("cannot download " + item.file() + " of " + d.name() + " (" + String.join("; ", failures)
                + "). Offline? Put the files yourself into " + root + ": " + String.join(", ", d.items().stream().map(Item::file).toList())
                + (d.unpacked().isEmpty() ? "" : " (unpacked: " + String.join(", ", d.unpacked()) + ")")
                + ", or set data.download to \"\"");
    }

    private static String copyWithMd5(InputStream body, Path part, long length, String name) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has MD5
        }
        try (InputStream in = new DigestInputStream(body, md5); OutputStream out = Files.newOutputStream(part);
             ProgressBar pb = Progress.bar(name, Math.max(length, 1))) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                pb.stepBy(n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** Unpacks the {@code wanted} files (by file name, wherever they sit in the archive) flat into {@code root}. */
    private static void untar(Path tarGz, Path root, List<String> wanted) {
        List<String> found = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tarGz)))) {
            for (TarArchiveEntry e; (e = tar.getNextTarEntry()) != null; ) {
                String file = Path.of(e.getName()).getFileName().toString();
                if (!e.isFile() || !wanted.contains(file)) {
                    continue; // only the known names: nothing from the archive can land outside root
                }
                Path part = root.resolve(file + ".part");
                Files.copy(tar, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, root.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                found.add(file);
            }
        } catch (IOException e) {
            throw new AnomalyException("cannot unpack " + tarGz + ": " + e.getMessage() + " (delete it and run again)", e);
        }
        List<String> missing = wanted.stream().filter(f -> !found.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw new AnomalyException(tarGz + " does not hold " + String.join(", ", missing));
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover .part is overwritten by the next attempt
        }
    }
}
