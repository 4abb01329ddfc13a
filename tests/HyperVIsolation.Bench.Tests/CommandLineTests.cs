using HyperVIsolation.Bench.Operator;
using HyperVIsolation.Bench.Startup;
using HyperVIsolation.Bench.Webhook;

namespace HyperVIsolation.Bench.Tests;

public class CommandLineTests
{
    [Theory]
    [InlineData("--pod-creates", "0")]
    [InlineData("--pod-creates", "many")]
    public void Webhook_PodCreatesNotPositive_IsAnErrorNamingTheOption(string option, string value)
    {
        var errors = WebhookBenchmark.CreateCommand(".").Parse([option, value]).Errors;

        errors.Should().ContainSingle().Which.Message.Should().Contain(option).And.Contain(value);
    }

    [Fact]
    public void Webhook_PodCreates_IsParsed() =>
        WebhookBenchmark.CreateCommand(".").Parse(["--pod-creates", "250"]).Errors.Should().BeEmpty();

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Operator_FloorConcurrencyNotPositive_IsAnErrorNamingTheOption(string value)
    {
        var errors = OperatorBenchmarkCommand.Create(".").Parse(["--floor-concurrency", value]).Errors;

        errors.Should().ContainSingle().Which.Message.Should().Contain("--floor-concurrency");
    }

    [Fact]
    public void Startup_OperatorAssemblyMissing_IsAnErrorNamingThePath()
    {
        var errors = StartupBenchmarkCommand.Create(".").Parse(["--operator-dll", "/no/such/operator.dll"]).Errors;

        errors.Should().ContainSingle().Which.Message.Should().Contain("/no/such/operator.dll");
    }
}
