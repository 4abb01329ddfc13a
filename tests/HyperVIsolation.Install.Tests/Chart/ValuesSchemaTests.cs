using System.Text.Json.Nodes;
using HyperVIsolation.Install.Tests.Tools;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.Chart;

/// <summary>The chart's values.schema.json: it declares every value, and Helm 3 and 4 refuse wrong types and unknown keys naming them.</summary>
[Collection(ClientToolsDefinition.Name)]
public sealed class ValuesSchemaTests(ClientTools tools)
{
    private const string ChartDirectory = "charts/hyperv-isolation";

    public static TheoryData<int, string, string> BadValues
    {
        get
        {
            var cases = new TheoryData<int, string, string>();
            foreach (var major in (int[])[3, 4])
            {
                cases.Add(major, "badkey=1", "badkey");
                cases.Add(major, "webhook.certManger.enabled=true", "certManger");
                cases.Add(major, "replicaCount=two", "replicaCount");
                cases.Add(major, "replicaCount=0", "replicaCount");
                cases.Add(major, "webhook.failurePolicy=Sometimes", "failurePolicy");
                cases.Add(major, "webhook.timeoutSeconds=60", "timeoutSeconds");
                cases.Add(major, "webhook.certManager.duration=90d", "duration");
                cases.Add(major, "leaderElection.leaseDuration=15", "leaseDuration");
                cases.Add(major, "image.pullPolicy=Sometimes", "pullPolicy");
                cases.Add(major, "logLevel=Verbose", "logLevel");
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Template_BadValue_RefusedNamingTheValue(int helmMajor, string assignment, string named)
    {
        var result = await tools.HelmTemplateAsync(helmMajor, "--set", assignment);

        result.ExitCode.Should().NotBe(0, $"{assignment} must be refused");
        result.Error.Should().Contain("values don't meet the specifications of the schema").And.Contain(named);
    }

    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task Template_DocumentedAlternatives_Accepted(int helmMajor)
    {
        var result = await tools.HelmTemplateAsync(
            helmMajor,
            "--set", "podDisruptionBudget.minAvailable=50%",
            "--set", "webhook.certManager.enabled=true",
            "--set", "webhook.certManager.issuerRef.name=corp-ca",
            "--set", "webhook.certManager.issuerRef.kind=ClusterIssuer",
            "--set", "leaderElection.leaseDuration=1m30s",
            "--set", "webhook.failurePolicy=Ignore");

        result.ExitCode.Should().Be(0, result.Error);
    }

    [Fact]
    public void Schema_EveryValueInValuesYaml_Declared()
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine($"{ChartDirectory}/values.schema.json")))!.AsObject();
        var values = YamlDocuments.Parse(File.ReadAllText(RepositoryRoot.Combine($"{ChartDirectory}/values.yaml"))).Single();

        Undeclared(values, schema, schema, "").Should().BeEmpty("every value in values.yaml needs an entry in values.schema.json");
    }

    [Fact]
    public void Undeclared_ValueMissingFromSchema_Reported()
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"webhook":{"type":"object","properties":{"enabled":{"type":"boolean"}}}}}""")!.AsObject();
        var values = YamlDocuments.Parse("webhook:\n  enabled: true\n  port: 9443\nextra: 1\n").Single();

        Undeclared(values, schema, schema, "").Should().Equal("webhook.port", "extra");
    }

    private static List<string> Undeclared(YamlMappingNode values, JsonObject schema, JsonObject root, string prefix)
    {
        var undeclared = new List<string>();
        var properties = Resolve(schema, root)["properties"]?.AsObject();
        foreach (var (key, value) in values.Children)
        {
            var name = key.ToString();
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (properties?[name] is not JsonObject property)
            {
                undeclared.Add(path);
                continue;
            }

            // A free-form map (nodeSelector, resources.requests) declares its entries through additionalProperties.
            if (value is YamlMappingNode nested && Resolve(property, root)["properties"] is not null)
            {
                undeclared.AddRange(Undeclared(nested, property, root, path));
            }
        }

        return undeclared;
    }

    private static JsonObject Resolve(JsonObject schema, JsonObject root) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? root["definitions"]![reference["#/definitions/".Length..]]!.AsObject()
            : schema;
}
