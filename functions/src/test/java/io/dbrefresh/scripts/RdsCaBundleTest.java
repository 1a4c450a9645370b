package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class RdsCaBundleTest {

    private static String provenance() throws Exception {
        try (InputStream in = RdsCaBundle.class.getResourceAsStream("rds-ca-bundle.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String recorded(String label) throws Exception {
        Matcher m = Pattern.compile("- " + Pattern.quote(label) + ": (\\S+)").matcher(provenance());
        assertThat(m.find()).as("rds-ca-bundle.md records the %s", label).isTrue();
        return m.group(1);
    }

    @Test
    void shippedBundle_isTheOneItsProvenanceRecords() throws Exception {
        byte[] pem;
        try (InputStream in = RdsCaBundle.class.getResourceAsStream(RdsCaBundle.RESOURCE)) {
            pem = in.readAllBytes();
        }

        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pem)))
                .isEqualTo(recorded("sha256 of rds-ca-bundle.pem"));
        assertThat(RdsCaBundle.certificates()).hasSize(Integer.parseInt(recorded("certificates")));
        assertThat(new String(pem, StandardCharsets.US_ASCII).split("-----BEGIN CERTIFICATE-----", -1))
                .hasSize(RdsCaBundle.certificates().size() + 1);
    }

    @Test
    void everyCertificate_isACertificateAuthorityOfAmazonRds() {
        List<X509Certificate> certificates = RdsCaBundle.certificates();

        assertThat(certificates).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getSubjectX500Principal().getName()).contains("OU=Amazon RDS").contains("O=Amazon Web Services\\, Inc.");
            assertThat(c.getBasicConstraints()).as("a CA: %s", c.getSubjectX500Principal()).isGreaterThanOrEqualTo(0);
        });
    }

    @Test
    void currentCaGenerations_ofAnActiveRegion_areIn() {
        List<String> subjects = RdsCaBundle.certificates().stream().map(c -> c.getSubjectX500Principal().getName()).toList();

        for (String ca : List.of("Amazon RDS us-east-1 Root CA RSA2048 G1", "Amazon RDS us-east-1 Root CA RSA4096 G1",
                "Amazon RDS us-east-1 Root CA ECC384 G1", "Amazon RDS eu-west-1 Root CA RSA2048 G1")) {
            assertThat(subjects).anySatisfy(s -> assertThat(s).contains("CN=" + ca + ","));
        }
    }

    @Test
    void pemFile_holdsTheShippedBundle_andIsWrittenAgainWhenItGoesMissing() throws Exception {
        Path first = RdsCaBundle.pemFile();
        byte[] shipped;
        try (InputStream in = RdsCaBundle.class.getResourceAsStream(RdsCaBundle.RESOURCE)) {
            shipped = in.readAllBytes();
        }
        assertThat(first).hasBinaryContent(shipped);

        Files.delete(first);

        assertThat(RdsCaBundle.pemFile()).exists().hasBinaryContent(shipped);
    }
}
