using HyperVIsolation.LocalApiServer.Authorization;
using HyperVIsolation.LocalApiServer.Hosting;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Authorization;

public sealed class RbacEnforcementTests(RbacServerFixture fixture) : IClassFixture<RbacServerFixture>
{
    [Fact]
    public async Task List_ServiceAccountWithoutRole_AnswersKubeApiserversForbidden()
    {
        var token = await fixture.ServiceAccountTokenAsync("rbac-deny", "reader");

        var (code, body) = await fixture.SendAsync(token, "GET", "/api/v1/namespaces/rbac-deny/pods");

        code.Should().Be(403);
        body!["kind"]!.GetValue<string>().Should().Be("Status");
        body["reason"]!.GetValue<string>().Should().Be("Forbidden");
        body["code"]!.GetValue<int>().Should().Be(403);
        body["message"]!.GetValue<string>().Should().Be(
            "pods is forbidden: User \"system:serviceaccount:rbac-deny:reader\" cannot list resource \"pods\" in API group \"\" in the namespace \"rbac-deny\"");
        body["details"]!.ToJsonString().Should().Be("""{"kind":"pods"}""");
        fixture.Server.Authorizations.Denials.Should().Contain(r => r.User == "system:serviceaccount:rbac-deny:reader" && r.Request.Verb == "list" && r.Request.Resource == "pods");
    }

    [Fact]
    public async Task Patch_SubresourceGrantedOnlyForStatus_AllowsStatusAndRefusesTheObject()
    {
        var token = await fixture.ServiceAccountTokenAsync("rbac-status", "agent");
        await GrantAsync("rbac-status", "agent", new V1PolicyRule { ApiGroups = [""], Resources = ["pods/status"], Verbs = ["patch"] });
        await fixture.Admin.CoreV1.CreateNamespacedPodAsync(Pod("p1"), "rbac-status");
        const string patch = """{"metadata":{"labels":{"a":"b"}}}""";

        var status = await SendPatchAsync(token, "/api/v1/namespaces/rbac-status/pods/p1/status", patch);
        var main = await SendPatchAsync(token, "/api/v1/namespaces/rbac-status/pods/p1", patch);

        status.Code.Should().Be(200);
        main.Code.Should().Be(403);
        main.Body!["message"]!.GetValue<string>().Should().Be(
            "pods \"p1\" is forbidden: User \"system:serviceaccount:rbac-status:agent\" cannot patch resource \"pods\" in API group \"\" in the namespace \"rbac-status\"");
    }

    [Fact]
    public async Task Get_ResourceNamesRule_AllowsOnlyTheNamedObject()
    {
        var token = await fixture.ServiceAccountTokenAsync("rbac-names", "leader");
        await GrantAsync("rbac-names", "leader", new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], ResourceNames = ["mine"], Verbs = ["get"] });
        foreach (var name in new[] { "mine", "theirs" })
        {
            await fixture.Admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name } }, "rbac-names");
        }

        var mine = await fixture.SendAsync(token, "GET", "/api/v1/namespaces/rbac-names/configmaps/mine");
        var theirs = await fixture.SendAsync(token, "GET", "/api/v1/namespaces/rbac-names/configmaps/theirs");
        var list = await fixture.SendAsync(token, "GET", "/api/v1/namespaces/rbac-names/configmaps");

        mine.Code.Should().Be(200);
        theirs.Code.Should().Be(403);
        theirs.Body!["details"]!.ToJsonString().Should().Be("""{"name":"theirs","kind":"configmaps"}""");
        list.Code.Should().Be(403);
    }

    [Fact]
    public async Task Request_ClusterScopedDenied_SaysAtTheClusterScope()
    {
        var token = await fixture.ServiceAccountTokenAsync("rbac-cluster", "viewer");

        var (code, body) = await fixture.SendAsync(token, "GET", "/apis/node.k8s.io/v1/runtimeclasses/x");

        code.Should().Be(403);
        body!["message"]!.GetValue<string>().Should().Be(
            "runtimeclasses.node.k8s.io \"x\" is forbidden: User \"system:serviceaccount:rbac-cluster:viewer\" cannot get resource \"runtimeclasses\" in API group \"node.k8s.io\" at the cluster scope");
    }

    [Fact]
    public async Task Discovery_AnyServiceAccount_IsAllowedByTheBootstrapRoles()
    {
        var token = await fixture.ServiceAccountTokenAsync("rbac-discovery", "client");

        var api = await fixture.SendAsync(token, "GET", "/api");
        var apis = await fixture.SendAsync(token, "GET", "/apis/apps/v1");
        var version = await fixture.SendAsync(token, "GET", "/version");
        var metrics = await fixture.SendAsync(token, "GET", "/metrics");

        api.Code.Should().Be(200);
        apis.Code.Should().Be(200);
        version.Code.Should().Be(200);
        metrics.Code.Should().Be(403);
        metrics.Body!["message"]!.GetValue<string>().Should().Be("forbidden: User \"system:serviceaccount:rbac-discovery:client\" cannot get path \"/metrics\"");
    }

    [Fact]
    public async Task Create_RoleBindingToMissingRole_DeniesNamingIt()
    {
        var token = await fixture.ServiceAccountTokenAsync("rbac-missing", "orphan");
        await fixture.Admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = "orphan" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "never-created" },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "orphan", NamespaceProperty = "rbac-missing" }],
            },
            "rbac-missing");

        var (code, body) = await fixture.SendAsync(token, "POST", "/api/v1/namespaces/rbac-missing/configmaps", """{"metadata":{"name":"c"}}""");

        code.Should().Be(403);
        body!["message"]!.GetValue<string>().Should().EndWith(
            "cannot create resource \"configmaps\" in API group \"\" in the namespace \"rbac-missing\": RBAC: role.rbac.authorization.k8s.io \"never-created\" not found");
    }

    [Fact]
    public async Task Administrator_SystemMasters_IsNeverDeniedNorRecorded()
    {
        var before = fixture.Server.Authorizations.Records.Count(r => r.User == AdmissionUserName);

        var nodes = await fixture.Admin.CoreV1.ListNodeAsync();

        nodes.Should().NotBeNull();
        fixture.Server.Authorizations.Records.Count(r => r.User == AdmissionUserName).Should().Be(before);
    }

    [Fact]
    public async Task TokenRequest_DeletedServiceAccount_TokenStopsAuthenticating()
    {
        var token = await fixture.ServiceAccountTokenAsync("rbac-token", "short-lived");
        var before = await fixture.SendAsync(token, "GET", "/api");

        await fixture.Admin.CoreV1.DeleteNamespacedServiceAccountAsync("short-lived", "rbac-token");
        var after = await fixture.SendAsync(token, "GET", "/api");

        before.Code.Should().Be(200);
        after.Code.Should().Be(401);
    }

    [Fact]
    public async Task TokenRequest_Defaults_AnswersCreatedWithAnHourAndTheServersAudience()
    {
        await fixture.ServiceAccountTokenAsync("rbac-defaults", "sa");

        var (code, body) = await fixture.SendAsync(fixture.Server.Token, "POST", "/api/v1/namespaces/rbac-defaults/serviceaccounts/sa/token", """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}}""");

        code.Should().Be(201);
        body!["kind"]!.GetValue<string>().Should().Be("TokenRequest");
        body["spec"]!["expirationSeconds"]!.GetValue<long>().Should().Be(3600);
        body["spec"]!["audiences"]!.ToJsonString().Should().Be("""["https://kubernetes.default.svc.cluster.local"]""");
        body["status"]!["token"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        DateTimeOffset.Parse(body["status"]!["expirationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData(599, "may not specify a duration less than 10 minutes")]
    [InlineData(4294967297, "may not specify a duration larger than 2^32 seconds")]
    public async Task TokenRequest_ExpirationOutOfRange_AnswersInvalid(long seconds, string detail)
    {
        var ns = $"rbac-expiry-{seconds % 1000}";
        await fixture.ServiceAccountTokenAsync(ns, "sa");

        var (code, body) = await fixture.SendAsync(fixture.Server.Token, "POST", $"/api/v1/namespaces/{ns}/serviceaccounts/sa/token", "{\"spec\":{\"expirationSeconds\":" + seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}");

        code.Should().Be(422);
        body!["reason"]!.GetValue<string>().Should().Be("Invalid");
        body["message"]!.GetValue<string>().Should().Contain($"spec.expirationSeconds: Invalid value: {seconds}: {detail}");
    }

    [Fact]
    public async Task TokenRequest_UnknownServiceAccount_AnswersNotFound()
    {
        var (code, body) = await fixture.SendAsync(fixture.Server.Token, "POST", "/api/v1/namespaces/default/serviceaccounts/nobody/token", "{}");

        code.Should().Be(404);
        body!["message"]!.GetValue<string>().Should().Be("serviceaccounts \"nobody\" not found");
    }

    [Fact]
    public async Task EnforceRbacOff_ServiceAccountToken_MayDoAnything()
    {
        await using var open = await LocalApiServer.Hosting.LocalApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using var admin = open.CreateClient();
        await admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "anyone" } }, "default");
        var token = (await admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() }, "anyone", "default")).Status.Token;
        var path = Path.Combine(Path.GetTempPath(), $"sa-kubeconfig-{Guid.NewGuid():N}");
        await open.WriteKubeconfigAsync(path, token, CancellationToken.None);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
        File.Delete(path);

        var nodes = await client.CoreV1.ListNodeAsync();

        nodes.Items.Should().BeEmpty();
        open.Authorizations.Records.Should().BeEmpty();
    }

    private const string AdmissionUserName = "local-admin";

    private Task<(int Code, System.Text.Json.Nodes.JsonObject? Body)> SendPatchAsync(string token, string path, string patch) =>
        SendWithContentTypeAsync(token, "PATCH", path, patch, "application/merge-patch+json");

    private async Task<(int Code, System.Text.Json.Nodes.JsonObject? Body)> SendWithContentTypeAsync(string token, string method, string path, string body, string contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(fixture.Server.BaseUri, path));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8);
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await fixture.Admin.HttpClient.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject());
    }

    private async Task GrantAsync(string ns, string serviceAccount, V1PolicyRule rule)
    {
        await fixture.Admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role { Metadata = new V1ObjectMeta { Name = serviceAccount }, Rules = [rule] }, ns);
        await fixture.Admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = serviceAccount },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = serviceAccount },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = serviceAccount }],
            },
            ns);
    }

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }] },
    };
}
