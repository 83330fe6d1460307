import org.anomaly4j.cli.BenchmarkCommand;
import org.anomaly4j.cli.Cli;

/** {@code mvn -q compile exec:java -Dexec.mainClass=Benchmark -Dexec.args="one-class --dataset fashion-mnist --classes 0,3"} */
public final class Benchmark {
    public static void main(String[] args) {
        int code = Cli.run(new BenchmarkCommand(args), args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
