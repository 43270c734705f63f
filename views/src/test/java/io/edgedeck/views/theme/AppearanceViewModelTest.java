package io.edgedeck.views.theme;

import io.edgedeck.views.common.Tasks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AppearanceViewModelTest {
    @Test
    void followingTheSystemUsesItsAnswerAndIsDarkWhenItSaysNothing() {
        var light = new AppearanceViewModel(ThemeChoice.SYSTEM, 100, () -> Optional.of(Theme.LIGHT), Tasks.direct());
        assertThat(light.theme()).isEqualTo(Theme.LIGHT);
        var silent = new AppearanceViewModel(ThemeChoice.SYSTEM, 100, Optional::empty, Tasks.direct());
        assertThat(silent.theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void theSystemIsAskedInTheBackgroundAndAnExplicitChoiceWins() {
        List<Runnable> background = new ArrayList<>();
        var vm = new AppearanceViewModel(ThemeChoice.SYSTEM, 100, () -> Optional.of(Theme.LIGHT),
                new Tasks(background::add, Runnable::run));
        assertThat(vm.theme()).isEqualTo(Theme.DARK); // not asked yet
        background.forEach(Runnable::run);
        assertThat(vm.theme()).isEqualTo(Theme.LIGHT);
        vm.choiceProperty().set(ThemeChoice.DARK);
        assertThat(vm.theme()).isEqualTo(Theme.DARK);
        vm.choiceProperty().set(ThemeChoice.SYSTEM);
        assertThat(vm.theme()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void zoomStepsByTenPercentWithinLimits() {
        var vm = new AppearanceViewModel(ThemeChoice.DARK, 400, Optional::empty, Tasks.direct());
        assertThat(vm.zoomPercentProperty().get()).isEqualTo(AppearanceViewModel.MAX_ZOOM);
        vm.resetZoom();
        vm.zoomIn();
        assertThat(vm.zoomPercentProperty().get()).isEqualTo(110);
        assertThat(vm.fontSizePx()).isEqualTo(14.3);
        for (int i = 0; i < 10; i++) {
            vm.zoomOut();
        }
        assertThat(vm.zoomPercentProperty().get()).isEqualTo(AppearanceViewModel.MIN_ZOOM);
    }

    @Test
    void settingsNamesParseAndUnknownOnesFollowTheSystem() {
        assertThat(ThemeChoice.parse("light")).isEqualTo(ThemeChoice.LIGHT);
        assertThat(ThemeChoice.parse(" DARK ")).isEqualTo(ThemeChoice.DARK);
        assertThat(ThemeChoice.parse("purple")).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(ThemeChoice.parse(null)).isEqualTo(ThemeChoice.SYSTEM);
    }

    @Test
    void bothThemesHaveTheirStylesheetDefiningTheSameVariables() throws Exception {
        var dark = variables(Theme.DARK);
        var light = variables(Theme.LIGHT);
        assertThat(dark).isNotEmpty().isEqualTo(light);
        String base = new String(AppearanceViewModel.class.getResourceAsStream("/io/edgedeck/views/edgedeck.css")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        var used = new java.util.TreeSet<String>();
        var m = java.util.regex.Pattern.compile("-ed-[a-z-]+").matcher(base);
        while (m.find()) {
            used.add(m.group());
        }
        assertThat(dark).containsAll(used);
    }

    private static java.util.Set<String> variables(Theme t) throws Exception {
        String css = new String(new java.net.URI(t.stylesheet()).toURL().openStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        var out = new java.util.TreeSet<String>();
        var m = java.util.regex.Pattern.compile("(-ed-[a-z-]+):").matcher(css);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
