package consumer;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;

/**
 * How another DL4J application uses a zip written by anomaly4j's {@code Export}, with DL4J, ND4J and
 * the JDK only (no anomaly4j class on the classpath; a test compiles and runs it that way):
 * read the JSON entry, preprocess an image as it says, run the graph, threshold and normalise the score.
 *
 * <pre>java consumer.ScoreWithExportedModel exported.zip image.png</pre>
 * prints {@code score=<raw> normalized=<0..1> anomalous=<true|false> mapMax=<max of anomaly_map>}.
 */
public final class ScoreWithExportedModel {
    private ScoreWithExportedModel() {
    }

    public static void main(String[] args) throws Exception {
        File zip = new File(args[0]);
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(zip, false);
        String json = ModelSerializer.getObjectFromFile(zip, "anomaly4j-export.json");
        JsonNode meta = new ObjectMapper().readTree(json);
        int size = meta.get("imageSize").asInt();

        INDArray input = preprocess(ImageIO.read(new File(args[1])), size, meta.get("preprocessing"));
        INDArray[] out = graph.output(input); // outputs in the order [anomaly_map, score]
        double score = out[1].getDouble(0, 0);
        double mapMax = out[0].maxNumber().doubleValue();

        JsonNode t = meta.get("thresholds");
        String verdict = "";
        if (t != null && !t.isNull()) {
            double threshold = t.get("image").asDouble();
            double range = t.get("imageMax").asDouble() - t.get("imageMin").asDouble();
            double normalized = Math.max(0, Math.min(1, (score - threshold) / (range > 0 ? range : 1) + 0.5));
            verdict = " normalized=" + normalized + " anomalous=" + (score >= threshold);
        }
        System.out.println("score=" + score + verdict + " mapMax=" + mapMax);
    }

    /** RGB in [0,1] at size x size (Java2D bilinear, halving first), then the model's own normalisation. */
    static INDArray preprocess(BufferedImage img, int size, JsonNode pre) {
        BufferedImage cur = img;
        while (cur.getWidth() >= 2 * size && cur.getHeight() >= 2 * size) {
            cur = draw(cur, cur.getWidth() / 2, cur.getHeight() / 2);
        }
        if (cur.getWidth() != size || cur.getHeight() != size) {
            cur = draw(cur, size, size);
        }
        boolean bgr = pre.get("bgr").asBoolean();
        double scale = pre.get("scale").asDouble();
        float[] data = new float[3 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = cur.getRGB(x, y);
                int[] channels = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int c = 0; c < 3; c++) {
                    int src = bgr ? 2 - c : c;
                    double v = channels[src] / 255.0 * scale;
                    v = (v - pre.get("mean").get(c).asDouble()) / pre.get("std").get(c).asDouble();
                    data[(c * size + y) * size + x] = (float) v;
                }
            }
        }
        return Nd4j.create(data, new long[]{1, 3, size, size}, 'c');
    }

    private static BufferedImage draw(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
