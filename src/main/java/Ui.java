import org.anomaly4j.cli.Cli;
import org.anomaly4j.cli.UiCommand;

/** {@code mvn -q compile exec:java -Dexec.mainClass=Ui -Dexec.args="--file reports/<run>/ui-stats.dl4j"} */
public final class Ui {
    public static void main(String[] args) {
        int code = Cli.run(new UiCommand(), args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
