package dev.parley.chat.search.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTermsTest {

    @Test
    void wordsAreLettersAndDigitsLowerCasedWithoutRepeats() {
        SearchTerms terms = SearchTerms.parse("  Deploy, deploy v2 ÉTÉ!");
        assertThat(terms.words()).containsExactly("deploy", "v2", "été");
        assertThat(terms.prefixTsQuery()).isEqualTo("'deploy':* & 'v2':* & 'été':*");
        assertThat(terms.likePatterns()).containsExactly("%deploy%", "%v2%", "%été%");
    }

    @Test
    void operatorsAndQuotesAreNotSyntax() {
        SearchTerms terms = SearchTerms.parse("a' | !b & (c):* %_");
        assertThat(terms.words()).containsExactly("a", "b", "c");
        assertThat(terms.prefixTsQuery()).doesNotContain("|", "!", "(", "%");
    }

    @Test
    void aQueryWithoutWordsOrTooLongIsRefused() {
        assertThatThrownBy(() -> SearchTerms.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchTerms.parse("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchTerms.parse("!? %"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("letter or digit");
        assertThatThrownBy(() -> SearchTerms.parse("x".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200");
    }

    @Test
    void atMostEightWordsCount() {
        assertThat(SearchTerms.parse("a b c d e f g h i j").words()).hasSize(8);
    }

    @Test
    void highlightsMarkWordStartsMergedAndSorted() {
        SearchTerms terms = SearchTerms.parse("dep ploy");
        // "dep" starts "Deploy" and "deps"; "ploy" occurs only inside a word, so it is marked there
        assertThat(terms.highlights("Deploy the deps")).containsExactly(List.of(0, 6), List.of(11, 14));
        assertThat(SearchTerms.parse("zzz").highlights("nothing here")).isEmpty();
    }

    @Test
    void highlightsAreUtf16IndicesAsJavaScriptCountsThem() {
        assertThat(SearchTerms.parse("ok").highlights("😀 ok")).containsExactly(List.of(3, 5));
    }

    @Test
    void theCursorRoundTripsAndRefusesAnythingElse() {
        SearchCursor cursor = new SearchCursor(Instant.ofEpochMilli(1764790000123L), "team-a", 42);
        assertThat(cursor.toString()).isEqualTo("1764790000123.team-a.42");
        assertThat(SearchCursor.parse(cursor.toString())).isEqualTo(cursor);
        for (String bad : new String[] {"", "12", "1.room", "1.Room.2", "1.room.-2", "x.room.2", "1.room.2.3"}) {
            assertThatThrownBy(() -> SearchCursor.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
