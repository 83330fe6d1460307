package org.anomaly4j.train;

import org.anomaly4j.AnomalyException;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Training statistics for the DL4J training UI: every run records them with a {@link StatsListener}
 * into a {@link FileStatsStorage} file ({@code ui-stats.dl4j}, replayed later by the {@code Ui} entry
 * point); with a port, the UI server also shows them live at {@code http://localhost:<port>/train/overview}.
 */
public final class TrainingUi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingUi.class);
    /** The DL4J system property that sets the UI server's port. */
    public static final String PORT_PROPERTY = "org.deeplearning4j.ui.port";
    /** Statistics every this many iterations (every iteration costs noticeably on CPU). */
    static final int FREQUENCY = 5;

    private final StatsStorage storage;
    private final UIServer server;
    private boolean closed;

    private TrainingUi(StatsStorage storage, UIServer server) {
        this.storage = storage;
        this.server = server;
    }

    /** {@code port} null: record to the file only; 0: a free port. */
    public static TrainingUi open(Path statsFile, Integer port) {
        StatsStorage storage = storage(statsFile);
        UIServer server = null;
        if (port != null) {
            server = start(port);
            server.attach(storage);
            LOG.info("DL4J training UI: {}/train/overview", address(server));
        }
        return new TrainingUi(storage, server);
    }

    public TrainingListener listener() {
        return new StatsListener(storage, FREQUENCY);
    }

    public UIServer server() {
        return server;
    }

    public static String address(UIServer server) {
        return "http://localhost:" + server.getPort();
    }

    public static UIServer start(int port) {
        System.setProperty(PORT_PROPERTY, Integer.toString(port));
        long from = System.currentTimeMillis();
        try {
            return UIServer.getInstance();
        } catch (RuntimeException e) {
            throw new AnomalyException("cannot start the DL4J UI on port " + port + ": " + e.getMessage()
                    + " (is the port in use? choose another: --ui-port for Train and Sweep, --port for Ui)", e);
        } finally {
            UiUploadFolders.madeBetween(from, System.currentTimeMillis());
        }
    }

    /** A stats file to append to; one left unreadable by a killed run is replaced. */
    static StatsStorage storage(Path file) {
        try {
            return new FileStatsStorage(file.toFile());
        } catch (RuntimeException e) {
            LOG.warn("{} is unreadable ({}); starting a new statistics file", file, e.toString());
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException io) {
                throw new AnomalyException("cannot replace " + file + ": " + io.getMessage(), io);
            }
            return new FileStatsStorage(file.toFile());
        }
    }

    /** Detaches and closes the file (so the run folder can be moved); stops the server unless asked to keep it. */
    public void close(boolean keepServer) {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.detach(storage);
        }
        try {
            storage.close();
        } catch (java.io.IOException e) {
            LOG.warn("closing the statistics file: {}", e.toString());
        }
        if (server != null && !keepServer) {
            stop();
        }
    }

    @Override
    public void close() {
        close(false);
    }

    public static void stop() {
        try {
            UIServer.stopInstance();
        } catch (Exception e) {
            LOG.warn("stopping the DL4J UI: {}", e.toString());
        }
        UiUploadFolders.removeEmpty();
    }
}
