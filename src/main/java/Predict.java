import org.anomaly4j.cli.Cli;
import org.anomaly4j.cli.PredictCommand;

/** {@code mvn -q compile exec:java -Dexec.mainClass=Predict -Dexec.args="--model reports/<run>/model.zip data/magnetic-tile/test"} */
public final class Predict {
    public static void main(String[] args) {
        int code = Cli.run(new PredictCommand(args), args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
