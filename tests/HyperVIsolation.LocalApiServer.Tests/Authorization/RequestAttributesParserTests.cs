using HyperVIsolation.LocalApiServer.Authorization;

namespace HyperVIsolation.LocalApiServer.Tests.Authorization;

public sealed class RequestAttributesParserTests
{
    public static TheoryData<string, string, string, RequestAttributes> Requests => new()
    {
        { "GET", "/api/v1/namespaces/ns/pods", "", new("list", true, "/api/v1/namespaces/ns/pods", "", "ns", "pods") },
        { "GET", "/api/v1/namespaces/ns/pods", "watch=true", new("watch", true, "/api/v1/namespaces/ns/pods", "", "ns", "pods") },
        { "GET", "/api/v1/namespaces/ns/pods", "watch=false", new("list", true, "/api/v1/namespaces/ns/pods", "", "ns", "pods") },
        { "GET", "/api/v1/watch/namespaces/ns/pods", "", new("watch", true, "/api/v1/watch/namespaces/ns/pods", "", "ns", "pods") },
        { "GET", "/api/v1/pods", "fieldSelector=spec.nodeName=n1", new("list", true, "/api/v1/pods", "", "", "pods") },
        { "GET", "/api/v1/nodes", "fieldSelector=metadata.name=n1&watch=1", new("watch", true, "/api/v1/nodes", "", "", "nodes", "", "n1") },
        { "GET", "/api/v1/nodes", "fieldSelector=metadata.name!=n1", new("list", true, "/api/v1/nodes", "", "", "nodes") },
        { "GET", "/api/v1/namespaces/ns/pods/p1", "", new("get", true, "/api/v1/namespaces/ns/pods/p1", "", "ns", "pods", "", "p1") },
        { "GET", "/api/v1/namespaces/ns/pods/p1/log", "", new("get", true, "/api/v1/namespaces/ns/pods/p1/log", "", "ns", "pods", "log", "p1") },
        { "PATCH", "/api/v1/namespaces/ns/pods/p1/status", "", new("patch", true, "/api/v1/namespaces/ns/pods/p1/status", "", "ns", "pods", "status", "p1") },
        { "PUT", "/apis/isolation.hyperv.dev/v1alpha1/namespaces/t/isolatedworkloads/w/status", "", new("update", true, "/apis/isolation.hyperv.dev/v1alpha1/namespaces/t/isolatedworkloads/w/status", "isolation.hyperv.dev", "t", "isolatedworkloads", "status", "w") },
        { "POST", "/api/v1/namespaces/ops/serviceaccounts/op/token", "", new("create", true, "/api/v1/namespaces/ops/serviceaccounts/op/token", "", "ops", "serviceaccounts", "token", "op") },
        { "POST", "/apis/coordination.k8s.io/v1/namespaces/ops/leases", "", new("create", true, "/apis/coordination.k8s.io/v1/namespaces/ops/leases", "coordination.k8s.io", "ops", "leases") },
        { "DELETE", "/api/v1/namespaces/ns/pods", "", new("deletecollection", true, "/api/v1/namespaces/ns/pods", "", "ns", "pods") },
        { "DELETE", "/api/v1/namespaces/ns/pods/p1", "", new("delete", true, "/api/v1/namespaces/ns/pods/p1", "", "ns", "pods", "", "p1") },
        // A namespace is its own namespace, and status and finalize are its subresources.
        { "GET", "/api/v1/namespaces/ns", "", new("get", true, "/api/v1/namespaces/ns", "", "ns", "namespaces", "", "ns") },
        { "PUT", "/api/v1/namespaces/ns/finalize", "", new("update", true, "/api/v1/namespaces/ns/finalize", "", "ns", "namespaces", "finalize", "ns") },
        { "GET", "/api/v1/namespaces", "", new("list", true, "/api/v1/namespaces", "", "", "namespaces") },
        // Discovery and OpenAPI are not resource requests: their verb is the HTTP method.
        { "GET", "/api", "", new("get", false, "/api") },
        { "GET", "/api/v1", "", new("get", false, "/api/v1") },
        { "GET", "/apis/apps/v1", "", new("get", false, "/apis/apps/v1") },
        { "GET", "/openapi/v3/apis/apps/v1", "", new("get", false, "/openapi/v3/apis/apps/v1") },
        { "POST", "/version", "", new("post", false, "/version") },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Parse_Request_MatchesKubeApiserverRequestInfo(string method, string path, string query, RequestAttributes expected)
    {
        var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

        RequestAttributesParser.Parse(method, path, parameters).Should().Be(expected);
    }
}
