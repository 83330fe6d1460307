import org.anomaly4j.cli.Cli;
import org.anomaly4j.cli.ExportCommand;

/** {@code mvn -q compile exec:java -Dexec.mainClass=Export -Dexec.args="--model reports/<run>/model.zip"} */
public final class Export {
    public static void main(String[] args) {
        int code = Cli.run(new ExportCommand(), args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
