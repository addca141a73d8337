package org.initlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void theVersionIsThePomsWhateverLoadsTheClasses() {
        // Run from target/classes (no jar manifest here): the version still comes from the build.
        assertThat(System.getProperty("initlab.pom.version")).isNotBlank();
        assertThat(Version.number()).isEqualTo(System.getProperty("initlab.pom.version"));
    }
}
