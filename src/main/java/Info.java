import org.anomaly4j.cli.Cli;
import org.anomaly4j.cli.InfoCommand;

/** {@code mvn -q compile exec:java -Dexec.mainClass=Info -Dexec.args="--model reports/<run>/model.zip"} */
public final class Info {
    public static void main(String[] args) {
        int code = Cli.run(new InfoCommand(), args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
