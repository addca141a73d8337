package org.initlab.core.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A method card ({@code initlab explain}) and its record's Javadoc state the same facts: the papers
 * (first author and year) and the PyTorch functions each names. The card is the long form for
 * people, the Javadoc the short form for programmers; this test keeps them from drifting apart.
 */
class MethodCardJavadocTest {
    private static final Path SOURCES = Path.of("src/main/java/org/initlab/core/init");
    /** "(2015)" or ", 2015)" or "2015," after a name: a year in a citation. */
    private static final Pattern YEAR = Pattern.compile("\\b(19[5-9]\\d|20[0-4]\\d)\\b");
    /** PyTorch's in-place init functions: kaiming_normal_, xavier_uniform_, trunc_normal_, ... */
    private static final Pattern TORCH_INIT = Pattern.compile("\\b([a-z]+(?:_[a-z]+)*_)\\(");

    @Test
    void everyCardCitesThePapersItsJavadocCites() throws IOException {
        List<String> disagreements = new ArrayList<>();
        for (Registry.Kind kind : Registry.kinds()) {
            String javadoc = javadoc(kind.defaults().getClass());
            MethodCard card = MethodCard.of(kind);
            Set<String> cardYears = years(card.get("paper") + " " + card.get("law") + " " + card.get("use") + " "
                    + card.get("misconceptions"));
            Set<String> docYears = years(javadoc);
            if (!cardYears.equals(docYears)) {
                disagreements.add(kind.name() + ": card cites years " + cardYears + ", Javadoc " + docYears);
            }
            for (String f : matches(TORCH_INIT, card.get("pytorch"))) {
                if (!javadoc.contains(f)) {
                    disagreements.add(kind.name() + ": card names PyTorch's " + f + ", the Javadoc does not");
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static String javadoc(Class<?> type) throws IOException {
        String source = Files.readString(SOURCES.resolve(type.getSimpleName() + ".java"));
        int declaration = source.indexOf("public record " + type.getSimpleName());
        int start = source.lastIndexOf("/**", declaration);
        assertThat(start).as("the Javadoc of %s", type.getSimpleName()).isNotNegative();
        return source.substring(start, source.indexOf("*/", start));
    }

    private static Set<String> years(String text) {
        return new TreeSet<>(matches(YEAR, text));
    }

    private static List<String> matches(Pattern p, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
