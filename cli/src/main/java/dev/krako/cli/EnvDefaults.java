package dev.krako.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Environment variables as the defaults of the deployable commands ({@code krako serve}, {@code
 * krako topics create}; docs/operations-processes.md): option {@code --some-name} reads {@code
 * KRAKO_SOME_NAME}, except {@code --api-keys}, which reads {@code KRAKO_API_KEYS_FILE} (it names a
 * file). A command-line value wins over the variable, and the variable over the option's own
 * default. An empty variable counts as unset.
 *
 * <p>It is a provider rather than {@code ${env:...}} in each annotation so that one rule names
 * every variable, and so that tests can hand it an environment.
 */
public final class EnvDefaults implements IDefaultValueProvider {

  private static final Map<String, String> EXCEPTIONS = Map.of("--api-keys", "KRAKO_API_KEYS_FILE");

  private final Map<String, String> env;

  /** The process's environment (how picocli instantiates it from the annotation). */
  public EnvDefaults() {
    this(System.getenv());
  }

  public EnvDefaults(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The variable that sets {@code --option-name}'s default. */
  static String variableOf(String longName) {
    return EXCEPTIONS.getOrDefault(
        longName,
        "KRAKO_" + longName.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT));
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String value = env.get(variableOf(option.longestName()));
    return value == null || value.isBlank() ? null : value;
  }
}
