import org.anomaly4j.cli.Cli;
import org.anomaly4j.cli.CompareCommand;

/** {@code mvn -q compile exec:java -Dexec.mainClass=Compare -Dexec.args="reports/<run A> reports/<run B>"} */
public final class Compare {
    public static void main(String[] args) {
        int code = Cli.run(new CompareCommand(), args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
