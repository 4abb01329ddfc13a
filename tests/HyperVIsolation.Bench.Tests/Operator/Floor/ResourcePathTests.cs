using HyperVIsolation.Bench.Operator.Floor;

namespace HyperVIsolation.Bench.Tests.Operator.Floor;

public class ResourcePathTests
{
    [Theory]
    [InlineData("/api/v1/namespaces/bench-0/pods", "bench-0", "pods", null, null, "pods")]
    [InlineData("/api/v1/namespaces/bench-0/pods/w-00001-abcde/binding", "bench-0", "pods", "w-00001-abcde", "binding", "pods/binding")]
    [InlineData("/api/v1/namespaces/bench-1/pods/p/status?fieldManager=kubelet", "bench-1", "pods", "p", "status", "pods/status")]
    [InlineData("/apis/isolation.hyperv.dev/v1alpha1/namespaces/bench-2/isolatedworkloads/w-00002/status", "bench-2", "isolatedworkloads", "w-00002", "status", "isolatedworkloads/status")]
    [InlineData("/apis/isolation.hyperv.dev/v1alpha1/namespaces/bench-2/isolatedworkloads?fieldManager=x", "bench-2", "isolatedworkloads", null, null, "isolatedworkloads")]
    public void Parse_NamespacedPath_ReturnsItsParts(string path, string ns, string resource, string? name, string? subresource, string kind)
    {
        var parsed = ResourcePath.Parse(path);

        parsed.Should().Be(new ResourcePath(ns, resource, name, subresource));
        parsed!.Kind.Should().Be(kind);
    }

    [Theory]
    [InlineData("/api/v1/nodes/win22-0/status")]
    [InlineData("/apis/node.k8s.io/v1/runtimeclasses")]
    [InlineData("/api/v1/namespaces")]
    [InlineData("/api/v1/namespaces/a/pods/b/c/d")]
    [InlineData("")]
    public void Parse_NotANamespacedObjectPath_ReturnsNull(string path) =>
        ResourcePath.Parse(path).Should().BeNull();
}
