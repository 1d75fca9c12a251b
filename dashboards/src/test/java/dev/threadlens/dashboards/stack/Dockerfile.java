package dev.threadlens.dashboards.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instructions of a Dockerfile, by stage: enough to replay its COPY steps against the
 * repository (no Docker engine runs here) and read its entry point and environment.
 */
public final class Dockerfile {

    /** One instruction with its arguments as written (continuation lines joined). */
    public record Instruction(String keyword, String arguments) {
    }

    /** {@code COPY [--from=stage] sources... destination}. */
    public record Copy(String fromStage, List<String> sources, String destination) {
    }

    /** One {@code FROM ... [AS name]} stage. */
    public static final class Stage {
        private final String image;
        private final String name;
        private final List<Instruction> instructions = new ArrayList<>();

        Stage(String image, String name) {
            this.image = image;
            this.name = name;
        }

        public String image() {
            return image;
        }

        public String name() {
            return name;
        }

        public String workdir() {
            String dir = "/";
            for (Instruction i : instructions) {
                if (i.keyword().equals("WORKDIR")) {
                    dir = i.arguments().startsWith("/") ? i.arguments() : dir + "/" + i.arguments();
                }
            }
            return dir;
        }

        public List<Copy> copies() {
            List<Copy> out = new ArrayList<>();
            for (Instruction i : instructions) {
                if (!i.keyword().equals("COPY")) {
                    continue;
                }
                List<String> words = new ArrayList<>(List.of(i.arguments().trim().split("\\s+")));
                String from = null;
                while (!words.isEmpty() && words.get(0).startsWith("--")) {
                    String flag = words.remove(0);
                    if (flag.startsWith("--from=")) {
                        from = flag.substring("--from=".length());
                    }
                }
                String destination = words.remove(words.size() - 1);
                out.add(new Copy(from, List.copyOf(words), destination));
            }
            return out;
        }

        public List<String> runs() {
            return instructions.stream().filter(i -> i.keyword().equals("RUN")).map(Instruction::arguments).toList();
        }

        /** {@code ENV} variables (both {@code K=V ...} and {@code K V} forms). */
        public Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (Instruction i : instructions) {
                if (!i.keyword().equals("ENV")) {
                    continue;
                }
                String args = i.arguments().trim();
                if (!args.contains("=")) {
                    String[] kv = args.split("\\s+", 2);
                    env.put(kv[0], kv[1]);
                    continue;
                }
                for (String pair : args.split("\\s+")) {
                    String[] kv = pair.split("=", 2);
                    env.put(kv[0], kv[1]);
                }
            }
            return env;
        }

        /** The exec-form (JSON array) arguments of the last {@code keyword} instruction. */
        public List<String> execForm(String keyword) {
            String args = null;
            for (Instruction i : instructions) {
                if (i.keyword().equals(keyword)) {
                    args = i.arguments();
                }
            }
            if (args == null) {
                return List.of();
            }
            try {
                JsonNode array = new ObjectMapper().readTree(args);
                List<String> out = new ArrayList<>();
                array.forEach(n -> out.add(n.asText()));
                return out;
            } catch (IOException e) {
                throw new IllegalStateException(keyword + " must use the exec form (a JSON array): " + args, e);
            }
        }
    }

    private final List<Stage> stages;

    private Dockerfile(List<Stage> stages) {
        this.stages = stages;
    }

    public static Dockerfile parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Stage> stages = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (logical.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            add(stages, logical.toString());
            logical.setLength(0);
        }
        return new Dockerfile(stages);
    }

    private static void add(List<Stage> stages, String line) {
        String[] parts = line.split("\\s+", 2);
        String keyword = parts[0].toUpperCase(java.util.Locale.ROOT);
        String args = parts.length > 1 ? parts[1] : "";
        if (keyword.equals("FROM")) {
            String[] words = args.split("\\s+");
            String name = words.length >= 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
            stages.add(new Stage(words[0], name));
        } else if (stages.isEmpty()) {
            throw new IllegalStateException("instruction before FROM: " + line);
        } else {
            stages.get(stages.size() - 1).instructions.add(new Instruction(keyword, args));
        }
    }

    public List<Stage> stages() {
        return stages;
    }

    public Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage named " + name));
    }

    /** The stage the image is made of. */
    public Stage last() {
        return stages.get(stages.size() - 1);
    }
}
