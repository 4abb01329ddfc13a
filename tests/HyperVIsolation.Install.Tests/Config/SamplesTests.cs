using HyperVIsolation.Install.Tests.Tools;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.Config;

/// <summary><c>kubectl kustomize config/samples</c>: every workload lands in a namespace the sample policy covers, after that policy.</summary>
[Collection(ClientToolsDefinition.Name)]
public sealed class SamplesTests(ClientTools tools)
{
    [Fact]
    public async Task Kustomize_Samples_EveryWorkloadInACoveredNamespaceAfterThePolicy()
    {
        var built = await tools.KubectlAsync("kustomize", "config/samples");
        built.ExitCode.Should().Be(0, built.Error);
        var documents = YamlDocuments.Parse(built.Output);

        var policyIndex = documents.ToList().FindIndex(document => YamlDocuments.At(document, "kind") == "IsolationPolicy");
        var selector = Map(documents[policyIndex], "spec", "namespaceSelector", "matchLabels");
        var covered = documents
            .Where(document => YamlDocuments.At(document, "kind") == "Namespace")
            .Where(ns => selector.All(label => Map(ns, "metadata", "labels").TryGetValue(label.Key, out var value) && value == label.Value))
            .Select(ns => YamlDocuments.At(ns, "metadata.name"))
            .ToList();
        var workloads = documents.Select((document, index) => (document, index)).Where(entry => YamlDocuments.At(entry.document, "kind") == "IsolatedWorkload").ToList();

        covered.Should().ContainSingle();
        workloads.Should().HaveCount(3).And.OnlyContain(entry => entry.index > policyIndex);
        workloads.Select(entry => YamlDocuments.At(entry.document, "metadata.namespace")).Should().AllBe(covered[0]);
    }

    private static Dictionary<string, string> Map(YamlMappingNode document, params string[] path)
    {
        YamlNode node = document;
        foreach (var step in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(step, out var next))
            {
                return [];
            }

            node = next;
        }

        return ((YamlMappingNode)node).Children.ToDictionary(entry => entry.Key.ToString(), entry => entry.Value.ToString());
    }
}
