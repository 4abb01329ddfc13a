using System.Xml.Linq;

namespace HyperVIsolation.ControllerRuntime.Tests.Architecture;

/// <summary>The dependency rules between the projects under src/, read from their project files.</summary>
public sealed class ProjectDependencyRulesTests
{
    private static readonly string[] TestAndDemoTools =
    [
        "HyperVIsolation.LocalCluster", "HyperVIsolation.LocalApiServer", "HyperVIsolation.LocalApiServer.Patching", "HyperVIsolation.SimulatedNodes",
    ];

    public static TheoryData<string, string[]> Forbidden => new()
    {
        { "HyperVIsolation.Api", ["*"] },
        { "HyperVIsolation.ControllerRuntime", ["*"] },
        { "HyperVIsolation.Operator", [.. TestAndDemoTools, "HyperVIsolation.NodeAgent"] },
        { "HyperVIsolation.NodeAgent", [.. TestAndDemoTools, "HyperVIsolation.Operator"] },
        { "HyperVIsolation.NodeAgent.Host", [.. TestAndDemoTools, "HyperVIsolation.Operator"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void ProjectReferences_OfEachProduct_BreakNoRule(string project, string[] forbidden)
    {
        var references = ReferencesOf(project);

        if (forbidden is ["*"])
        {
            references.Should().BeEmpty($"{project} depends on nothing of ours");
        }
        else
        {
            references.Should().NotIntersectWith(forbidden, $"{project} must not depend on test tools or on the other product");
        }
    }

    [Fact]
    public void ProjectReferences_OperatorNodeAgentAndSimulatedNodes_ShareTheControllerRuntime()
    {
        ReferencesOf("HyperVIsolation.Operator").Should().Contain("HyperVIsolation.ControllerRuntime");
        ReferencesOf("HyperVIsolation.NodeAgent").Should().Contain("HyperVIsolation.ControllerRuntime");
        ReferencesOf("HyperVIsolation.SimulatedNodes").Should().Contain("HyperVIsolation.ControllerRuntime");
    }

    private static List<string> ReferencesOf(string project)
    {
        var path = Path.Combine(RepositoryRoot(), "src", project, project + ".csproj");
        File.Exists(path).Should().BeTrue($"{path} exists");
        return [.. XDocument.Load(path).Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')))];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
    }
}
