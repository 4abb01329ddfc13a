using HyperVIsolation.Bench.Webhook;

namespace HyperVIsolation.Bench.Tests.Webhook;

public class WebhookResultWriterTests
{
    [Fact]
    public void Table_EndToEndResults_ShowsEachMedianOverTheBareServers()
    {
        LoadResult[] results =
        [
            new(PodCreateLatency.WithWebhooks, PodCreateLatency.Mode, 0, 100, 0, 0, 1, 6.0, 30, 40),
            new(PodCreateLatency.WithoutWebhooks, PodCreateLatency.Mode, 0, 100, 0, 0, 1, 4.0, 20, 30),
        ];

        var rows = WebhookResultWriter.Table(results).Split('\n');

        rows[1].Should().StartWith(PodCreateLatency.WithWebhooks).And.Contain("1.50x p50");
        rows[2].Should().StartWith(PodCreateLatency.WithoutWebhooks).And.Contain("1.00x p50");
    }
}
