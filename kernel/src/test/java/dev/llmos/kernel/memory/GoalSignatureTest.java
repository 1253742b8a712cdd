package dev.llmos.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoalSignatureTest {
  @Test
  void normalisesCasePunctuationSpacesStopWordsAndOrder() {
    assertThat(GoalSignature.normalise("  Find the RED ball, then stop!  "))
        .isEqualTo("ball find red stop");
    assertThat(GoalSignature.normalise("stop; find red ball red ball"))
        .isEqualTo("ball find red stop");
    assertThat(GoalSignature.normalise("Follow the wall-following line"))
        .isEqualTo("follow following line wall");
  }

  @Test
  void sameGoalInOtherWordsGivesTheSameSignature() {
    String signature = GoalSignature.of("Find the red ball");
    assertThat(signature).matches("[0-9a-f]{64}");
    assertThat(GoalSignature.of("find red ball!!")).isEqualTo(signature);
    assertThat(GoalSignature.of("Ball: red, find.")).isEqualTo(signature);
    assertThat(GoalSignature.of("Find the blue ball")).isNotEqualTo(signature);
  }

  @Test
  void negationsAreKept() {
    assertThat(GoalSignature.of("do not touch the wall"))
        .isNotEqualTo(GoalSignature.of("do touch the wall"));
  }

  @Test
  void theSignatureIsTheSha256OfTheNormalisedText() {
    // sha256("ball find red") computed independently with `printf 'ball find red' | sha256sum`.
    assertThat(GoalSignature.of("Find the red ball"))
        .isEqualTo("e80402aaa48e9d34048b0547b53f89aa012c8cd5f82f582bb5fcaff6c68fc462");
  }
}
