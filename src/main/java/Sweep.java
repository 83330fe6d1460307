import org.anomaly4j.cli.Cli;
import org.anomaly4j.cli.SweepCommand;

/** {@code mvn -q compile exec:java -Dexec.mainClass=Sweep -Dexec.args="--sweep hyperparams/sweeps/magnetic-tile.yaml"} */
public final class Sweep {
    public static void main(String[] args) {
        int code = Cli.run(new SweepCommand(args), args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
