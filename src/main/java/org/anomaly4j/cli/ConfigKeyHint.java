package org.anomaly4j.cli;

import org.anomaly4j.config.ConfigLoader;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * For an unknown option that is really a config key ({@code --epochs 5}, {@code --learning-rate=0.01},
 * {@code --train.epochs 5}): the {@code --set} form to use instead. Commands without {@code --set} get no hint.
 */
final class ConfigKeyHint {
    private ConfigKeyHint() {
    }

    /** "" when no unmatched option names a config key. */
    static String of(UnmatchedArgumentException ex) {
        if (ex.getCommandLine().getCommandSpec().findOption("--set") == null) {
            return "";
        }
        List<String> args = ex.getUnmatched();
        List<String> keys = ConfigLoader.keys(); // read from the defaults once, not per unmatched option
        List<String> forms = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                continue;
            }
            int eq = a.indexOf('=');
            String name = normalised(eq > 0 ? a.substring(2, eq) : a.substring(2));
            String value = eq > 0 ? a.substring(eq + 1)
                    : i + 1 < args.size() && !args.get(i + 1).startsWith("-") ? args.get(i + 1) : "<value>";
            for (String key : keys) {
                String leaf = key.substring(key.lastIndexOf('.') + 1);
                if (normalised(key).equals(name) || normalised(leaf).equals(name)) {
                    forms.add("--set " + key + "=" + value);
                }
            }
        }
        return forms.isEmpty() ? "" : "hint: config keys are set with --set, e.g. " + String.join(" or ", forms);
    }

    /** learning-rate, learning_rate and learningRate alike. */
    private static String normalised(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
