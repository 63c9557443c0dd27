package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchChartTest {

  @TempDir Path dir;

  @Test
  void writesAPngOfThroughputAndLatencyAgainstOfferedLoad() throws Exception {
    Path png = dir.resolve("chart.png");

    BenchChart.write(BenchReportFixture.report(), png);

    var image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1100);
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }
}
