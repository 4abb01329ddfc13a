using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Rules;
using HyperVIsolation.Operator.Tests.Admission;
using HyperVIsolation.Operator.Tests.Admission.Http;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission.Rules;

public sealed class NamespaceTrustRulesTests
{
    private static readonly IsolationPolicy ExemptionAware = AdmissionFixtures.Policy(spec => spec.NamespaceSelector = new V1LabelSelector
    {
        MatchLabels = new Dictionary<string, string> { [AdmissionFixtures.TrustLabel] = "untrusted" },
        MatchExpressions = [new V1LabelSelectorRequirement { Key = "isolation.hyperv.dev/exempt", OperatorProperty = "DoesNotExist" }],
    });

    [Theory]
    [InlineData("remove", null, null, "removing trust label 'isolation.hyperv.dev/tenant' (was 'untrusted')")]
    [InlineData("change", "trusted", null, "changing trust label 'isolation.hyperv.dev/tenant' from 'untrusted' to 'trusted'")]
    [InlineData("exempt", "untrusted", "true", "adding trust label 'isolation.hyperv.dev/exempt' ('true')")]
    public void Validate_TenantChangesTrustLabel_Denied(string change, string? tenantValue, string? exemptValue, string fragment)
    {
        var labels = new Dictionary<string, string>();
        if (tenantValue is not null)
        {
            labels[AdmissionFixtures.TrustLabel] = tenantValue;
        }

        if (exemptValue is not null)
        {
            labels["isolation.hyperv.dev/exempt"] = exemptValue;
        }

        var violations = NamespaceTrustRules.Evaluate(Input(labels, new RequestUser("bob", ["system:authenticated"])));

        violations.Should().ContainSingle(change).Which.Message.Should().Contain(fragment).And.Contain("user 'bob' is not one of the policy's administrators");
        violations[0].RuleId.Should().Be(RuleIds.TrustLabel);
    }

    [Theory]
    [InlineData("alice", "system:authenticated")]
    [InlineData("carol", "platform-admins")]
    public void Validate_AdministratorChangesTrustLabel_Allowed(string user, string group) =>
        NamespaceTrustRules.Evaluate(Input([], new RequestUser(user, [group]))).Should().BeEmpty();

    [Fact]
    public void Validate_OtherLabelChanges_Allowed()
    {
        var labels = AdmissionFixtures.TenantLabels();
        labels["team"] = "web";

        NamespaceTrustRules.Evaluate(Input(labels, new RequestUser("bob", []))).Should().BeEmpty();
    }

    [Fact]
    public async Task ValidateNamespaces_OverHttps_RemovingTrustLabelDenied()
    {
        await using var server = await AdmissionServer.StartAsync(AdmissionFixtures.State(ExemptionAware));
        var old = new V1Namespace { Metadata = new V1ObjectMeta { Name = AdmissionFixtures.Tenant, Labels = AdmissionFixtures.TenantLabels() } };
        var updated = new V1Namespace { Metadata = new V1ObjectMeta { Name = AdmissionFixtures.Tenant, Labels = new Dictionary<string, string>() } };

        var response = await server.ReviewAsync("/validate/namespaces", AdmissionFixtures.Review("UPDATE", updated, old, resource: "namespaces", kind: "Namespace", ns: null));

        response["allowed"]!.GetValue<bool>().Should().BeFalse();
        response["status"]!["message"]!.GetValue<string>().Should().Be(
            "metadata.labels[isolation.hyperv.dev/tenant]: removing trust label 'isolation.hyperv.dev/tenant' (was 'untrusted') of namespace 'tenant-a' decides which IsolationPolicy covers it, and user 'bob' is not one of the policy's administrators (IsolationPolicy 'untrusted-tenants').");
    }

    private static NamespaceAdmissionInput Input(Dictionary<string, string> labels, RequestUser user) =>
        new(AdmissionOperation.Update, AdmissionFixtures.Tenant, AdmissionFixtures.TenantLabels(), labels, user, [ExemptionAware]);
}
