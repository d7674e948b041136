package io.membank.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptHashTest {

  @Test
  void identicalPromptsHashAlikeAndTheHashIsTheSha256OfTheMessages() {
    String hash = PromptHash.of("system", "user says hi");

    assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(PromptHash.of("system", "user says hi"));
    assertThat(hash).doesNotContain("hi");
    // printf 'a\0b' | sha256sum
    assertThat(PromptHash.of("a", "b"))
        .isEqualTo("59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
  }

  @Test
  void theBoundaryBetweenSystemAndUserMatters() {
    assertThat(PromptHash.of("ab", "c")).isNotEqualTo(PromptHash.of("a", "bc"));
    assertThat(PromptHash.of("s", "u1")).isNotEqualTo(PromptHash.of("s", "u2"));
  }
}
