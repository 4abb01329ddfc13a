using HyperVIsolation.LocalCluster.Options;

namespace HyperVIsolation.LocalCluster.Tests.Options;

public sealed class LocalClusterOptionsParserTests
{
    [Fact]
    public void Parse_NoArguments_Defaults()
    {
        var result = LocalClusterOptionsParser.Parse([]);

        result.IsValid.Should().BeTrue();
        result.Options.Should().Be(new LocalClusterOptions());
        result.Options.Timeout.Should().Be(TimeSpan.FromMinutes(5));
        result.Options.Namespace.Should().Be("tenant-untrusted");
    }

    [Fact]
    public void Parse_EveryOption_Set()
    {
        var result = LocalClusterOptionsParser.Parse(
            ["--exit-when-ready", "--timeout", "90s", "--nodes", "pool.yaml", "--samples=samples", "--crds", "crd", "--namespace", "demo", "--verbose"]);

        result.Errors.Should().BeEmpty();
        result.Options.Should().Be(new LocalClusterOptions
        {
            ExitWhenReady = true,
            Timeout = TimeSpan.FromSeconds(90),
            NodePoolPath = "pool.yaml",
            SamplesDirectory = "samples",
            CrdDirectory = "crd",
            Namespace = "demo",
            Verbose = true,
        });
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1.5m", 90)]
    [InlineData("1h", 3600)]
    [InlineData("00:02:00", 120)]
    public void TryParseDuration_KnownForms_Parsed(string text, double seconds)
    {
        LocalClusterOptionsParser.TryParseDuration(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData(8, "8s")]
    [InlineData(300, "5m")]
    [InlineData(90, "1m30s")]
    [InlineData(3600, "1h")]
    [InlineData(0.25, "250ms")]
    public void FormatDuration_AsTyped(double seconds, string expected) =>
        LocalClusterOptionsParser.FormatDuration(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Theory]
    [InlineData(new[] { "--timeout", "soon" }, "--timeout 'soon' is not a duration")]
    [InlineData(new[] { "--timeout", "0s" }, "--timeout must be positive")]
    [InlineData(new[] { "--timeout" }, "--timeout needs a value")]
    [InlineData(new[] { "--nodes", "--verbose" }, "--nodes needs a value")]
    [InlineData(new[] { "--namespace", "Not_A_Label" }, "is not a DNS label")]
    [InlineData(new[] { "--exit-when-redy" }, "Unknown argument '--exit-when-redy'")]
    public void Parse_Invalid_ClearError(string[] args, string expected)
    {
        var result = LocalClusterOptionsParser.Parse(args);

        result.IsValid.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Contain(expected);
    }

    [Fact]
    public void Parse_SeveralProblems_AllReportedAtOnce()
    {
        var result = LocalClusterOptionsParser.Parse(["--timeout", "x", "--bogus", "--namespace", "UPPER"]);

        result.Errors.Should().HaveCount(3);
    }

    [Fact]
    public void Parse_Help_ShowHelp()
    {
        LocalClusterOptionsParser.Parse(["--help"]).Options.ShowHelp.Should().BeTrue();
        LocalClusterOptionsParser.Usage.Should().Contain("--exit-when-ready").And.Contain("--timeout");
    }
}
