package network.dpc.hub.bootstrap;

import java.util.List;

/** Every problem found in the configuration, reported together so an operator fixes them in one go. */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        StringBuilder text = new StringBuilder("The hub cannot start: its configuration has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
        problems.forEach(p -> text.append(System.lineSeparator()).append("  - ").append(p));
        return text.toString();
    }
}
