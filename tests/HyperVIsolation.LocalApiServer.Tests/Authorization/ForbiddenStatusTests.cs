using HyperVIsolation.LocalApiServer.Authorization;

namespace HyperVIsolation.LocalApiServer.Tests.Authorization;

public sealed class ForbiddenStatusTests
{
    private const string User = "system:serviceaccount:ops:operator";

    public static TheoryData<RequestAttributes, string, string> Messages => new()
    {
        {
            new("list", true, "/api/v1/namespaces/t/pods", "", "t", "pods"), "",
            "pods is forbidden: User \"system:serviceaccount:ops:operator\" cannot list resource \"pods\" in API group \"\" in the namespace \"t\""
        },
        {
            new("patch", true, "/api/v1/nodes/n1/status", "", "", "nodes", "status", "n1"), "",
            "nodes \"n1\" is forbidden: User \"system:serviceaccount:ops:operator\" cannot patch resource \"nodes/status\" in API group \"\" at the cluster scope"
        },
        {
            new("get", true, "/", "coordination.k8s.io", "ops", "leases", "", "l"), "RBAC: role.rbac.authorization.k8s.io \"x\" not found",
            "leases.coordination.k8s.io \"l\" is forbidden: User \"system:serviceaccount:ops:operator\" cannot get resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"ops\": RBAC: role.rbac.authorization.k8s.io \"x\" not found"
        },
        {
            new("get", false, "/metrics"), "",
            "forbidden: User \"system:serviceaccount:ops:operator\" cannot get path \"/metrics\""
        },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void For_Request_WordsTheMessageAsKubeApiserver(RequestAttributes request, string reason, string message)
    {
        var error = ForbiddenStatus.For(request, User, reason);

        error.Code.Should().Be(403);
        error.Reason.Should().Be("Forbidden");
        error.Message.Should().Be(message);
    }

    [Fact]
    public void For_Subresource_DetailsNameTheResourceAndOmitEmptyFields()
    {
        var status = ForbiddenStatus.For(new("patch", true, "/", "", "t", "pods", "status", "p"), User, string.Empty).ToStatus();

        status["details"]!.ToJsonString().Should().Be("""{"name":"p","kind":"pods"}""");
        status["code"]!.GetValue<int>().Should().Be(403);
    }
}
