import org.anomaly4j.cli.Cli;
import org.anomaly4j.cli.EvaluateCommand;

/** {@code mvn -q compile exec:java -Dexec.mainClass=Evaluate -Dexec.args="--model reports/<run>/model.zip"} */
public final class Evaluate {
    public static void main(String[] args) {
        int code = Cli.run(new EvaluateCommand(args), args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
