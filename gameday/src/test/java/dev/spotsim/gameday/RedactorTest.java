package dev.spotsim.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void masksKeysTokensAndPasswordsButKeepsTheRest() {
        assertThat(Redactor.redact("key AKIAIOSFODNN7EXAMPLE and ASIAIOSFODNN7EXAMPLE")).isEqualTo("key **** and ****");
        assertThat(Redactor.redact("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nregion=us-east-1"))
                .isEqualTo("aws_secret_access_key = ****\nregion=us-east-1");
        assertThat(Redactor.redact("curl -H 'Authorization: Bearer eyJhbGciOi.x.y' https://staging.example.com/"))
                .isEqualTo("curl -H 'Authorization: Bearer ****' https://staging.example.com/");
        assertThat(Redactor.redact("https://h/p?token=abc123&user=me PASSWORD: hunter2"))
                .isEqualTo("https://h/p?token=****&user=me PASSWORD: ****");
        assertThat(Redactor.redact("hey -z 5m -q 50 https://staging.example.com/")).isEqualTo("hey -z 5m -q 50 https://staging.example.com/");
        assertThat(Redactor.redact(null)).isNull();
    }
}
