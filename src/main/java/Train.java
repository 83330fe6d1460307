import org.anomaly4j.cli.Cli;
import org.anomaly4j.cli.TrainCommand;

/** {@code mvn -q compile exec:java -Dexec.mainClass=Train [-Dexec.args="--config hyperparams/magnetic-tile.yaml"]} */
public final class Train {
    public static void main(String[] args) {
        int code = Cli.run(new TrainCommand(args), args);
        if (code != 0) {
            System.exit(code); // only on failure: an unconditional exit would kill Maven's JVM under exec:java
        }
    }
}
