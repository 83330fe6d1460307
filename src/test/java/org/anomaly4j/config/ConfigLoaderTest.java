package org.anomaly4j.config;

import org.anomaly4j.AnomalyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path p = dir.resolve("c.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void defaultsAreValidAndFileValuesOverrideThem() throws Exception {
        HfrConfig c = ConfigLoader.load(yaml("train:\n  epochs: 3\nmodel:\n  decoder:\n    width: 32\n"), List.of());
        assertThat(c.train().epochs()).isEqualTo(3);
        assertThat(c.model().decoder().width()).isEqualTo(32);
        assertThat(c.model().decoder().depth()).isEqualTo(2); // default kept beside the override
        assertThat(c.model().encoder()).isEqualTo("squeezenet");
    }

    @Test
    void setOverridesWinAndParseTypes() throws Exception {
        HfrConfig c = ConfigLoader.load(yaml("train:\n  epochs: 3\n"),
                List.of("train.epochs=7", "train.branchWeights=[1, 0.5, 2]", "scoring.aggregation=product"));
        assertThat(c.train().epochs()).isEqualTo(7);
        assertThat(c.train().branchWeights()).containsExactly(1.0, 0.5, 2.0);
        assertThat(c.scoring().aggregation()).isEqualTo("product");
    }

    @Test
    void unknownKeyIsNamedWithItsPath() throws Exception {
        Path p = yaml("train:\n  epocs: 3\n");
        assertThatThrownBy(() -> ConfigLoader.load(p, List.of()))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("train.epocs").hasMessageContaining("unknown key");
    }

    @Test
    void aDownloadMustMatchTheLayoutAndSource() {
        assertThat(ConfigLoader.load(null, List.of("data.layout=one-class", "data.source=idx", "data.download=mnist")).data().download())
                .isEqualTo("mnist");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("data.download=mnist"))).isInstanceOf(AnomalyException.class)
                .hasMessageContaining("data.download: fetches the one-class benchmark datasets only");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("data.layout=one-class", "data.source=cifar10-folders",
                "data.download=cifar10"))).hasMessageContaining("set data.source: cifar10-binary");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("data.layout=one-class", "data.download=svhn")))
                .hasMessageContaining("data.download");
    }

    @Test
    void unknownSetKeyIsRejected() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("train.epoch=3")))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("train.epoch");
    }

    @Test
    void wrongTypeNamesTheKey() throws Exception {
        Path p = yaml("train:\n  epochs: many\n");
        assertThatThrownBy(() -> ConfigLoader.load(p, List.of()))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("train.epochs").hasMessageContaining("wrong type");
    }

    @Test
    void yamlSyntaxErrorGivesTheLine() throws Exception {
        Path p = yaml("train:\n  epochs: [3\n");
        assertThatThrownBy(() -> ConfigLoader.load(p, List.of()))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("YAML syntax error").hasMessageContaining(p.toString());
    }

    @Test
    void validationReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("train.epochs=-1", "scoring.sigma=-2", "model.encoder=alexnet",
                "model.tapNorm=l2")))
                .isInstanceOf(AnomalyException.class)
                .hasMessageContaining("train.epochs").hasMessageContaining("scoring.sigma").hasMessageContaining("model.encoder")
                .hasMessageContaining("model.tapNorm");
    }

    @Test
    void validationCopiesAreOneToSixteen() {
        assertThat(ConfigLoader.load(null, List.of()).data().validationCopies()).isEqualTo(1);
        assertThat(ConfigLoader.load(null, List.of("data.validationCopies=4")).data().validationCopies()).isEqualTo(4);
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("data.validationCopies=0")))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("data.validationCopies: 0 must be in [1, 16]");
    }

    @Test
    void validationDefectsMustBeKnownKinds() {
        assertThat(ConfigLoader.load(null, List.of()).data().validationDefects()).containsExactly("scratch", "spot");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("data.validationDefects=[scratch, dent]")))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("data.validationDefects").hasMessageContaining("'dent'");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("data.validationDefects=[]")))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("data.validationDefects: must list at least one");
    }

    @Test
    void maxStretchIsOffOrAtLeastOne() {
        assertThat(ConfigLoader.load(null, List.of()).data().maxStretch()).isZero();
        assertThat(ConfigLoader.load(null, List.of("data.maxStretch=1.5")).data().maxStretch()).isEqualTo(1.5);
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("data.maxStretch=0.5")))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("data.maxStretch: 0.5 must be 0 (off) or in [1, 16]");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("data.maxStretch=2", "data.layout=one-class")))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("data.maxStretch: applies to the mvtec and folders layouts only");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), List.of()))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("nope.yaml");
    }

    @Test
    void yamlRoundTripGivesTheSameConfig() {
        HfrConfig c = ConfigLoader.load(null, List.of("train.epochs=4"));
        assertThat(ConfigLoader.fromYaml(ConfigLoader.toYaml(c), "test")).isEqualTo(c);
    }

    @Test
    void everyShippedConfigIsValid() throws Exception {
        try (var files = Files.list(Path.of("hyperparams"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                assertThat(ConfigLoader.load(p, List.of())).as(p.toString()).isNotNull();
            }
        }
        assertThat(ConfigLoader.loadResource("demo.yaml", List.of()).data().layout()).isEqualTo("synthetic");
    }

    @Test
    void aDataRootGivenToTheDemoIsRefusedNotIgnored() {
        assertThatThrownBy(() -> ConfigLoader.loadResource("demo.yaml", List.of("data.root=parts")))
                .isInstanceOf(AnomalyException.class).hasMessageContaining("data.root=parts")
                .hasMessageContaining("reads no folder").hasMessageContaining("--config hyperparams/mvtec-ad.yaml");
        assertThat(ConfigLoader.loadResource("demo.yaml", List.of("data.layout=mvtec", "data.root=parts")).data().root())
                .isEqualTo("parts");
    }
}
