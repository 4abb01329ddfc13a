using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Fidelity;

/// <summary>NetworkPolicies are defaulted and validated as kube-apiserver does for the fields clients set.</summary>
public sealed class NetworkPolicyTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Path = "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies";
    private readonly RawApi api = new(fixture);

    public static TheoryData<string, string, string[]> Defaults => new()
    {
        { "no rules", """{"podSelector":{}}""", ["Ingress"] },
        { "ingress rules", """{"podSelector":{},"ingress":[{}]}""", ["Ingress"] },
        { "egress rules", """{"podSelector":{},"egress":[{}]}""", ["Ingress", "Egress"] },
        { "explicit", """{"podSelector":{},"egress":[{}],"policyTypes":["Egress"]}""", ["Egress"] },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public async Task Create_WithoutPolicyTypes_DefaultsLikeKubeApiserver(string name, string spec, string[] expected)
    {
        var objectName = $"defaults-{name.Replace(' ', '-')}";

        var answer = await api.SendAsync("POST", Path, $$"""{"metadata":{"name":"{{objectName}}"},"spec":{{spec}}}""");

        answer.Code.Should().Be(201, answer.Body);
        var stored = await fixture.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(objectName, "default");
        stored.Spec.PolicyTypes.Should().Equal(expected);
    }

    [Fact]
    public async Task Create_PortWithoutProtocol_DefaultsToTcp()
    {
        var created = await fixture.Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(
            new V1NetworkPolicy
            {
                Metadata = new V1ObjectMeta { Name = "port-protocol" },
                Spec = new V1NetworkPolicySpec
                {
                    PodSelector = new V1LabelSelector(),
                    Egress = [new V1NetworkPolicyEgressRule { Ports = [new V1NetworkPolicyPort { Port = 53 }, new V1NetworkPolicyPort { Port = 53, Protocol = "UDP" }] }],
                },
            },
            "default");

        created.Spec.Egress.Single().Ports.Select(port => port.Protocol).Should().Equal("TCP", "UDP");
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        {
            "ipblock-and-selector",
            """{"podSelector":{},"ingress":[{"from":[{"ipBlock":{"cidr":"10.0.0.0/8"},"podSelector":{}}]}]}""",
            "spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer"
        },
        {
            "empty-peer",
            """{"podSelector":{},"egress":[{"to":[{}]}]}""",
            "spec.egress[0].to[0]: Required value: must specify a peer"
        },
        {
            "except-outside",
            """{"podSelector":{},"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/8","except":["169.254.169.254/32"]}}]}]}""",
            "spec.egress[0].to[0].ipBlock.except[0]: Invalid value: \"169.254.169.254/32\": must be a strict subset of `cidr`"
        },
        {
            "bad-cidr",
            """{"podSelector":{},"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/33"}}]}]}""",
            "spec.egress[0].to[0].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"
        },
        {
            "bad-protocol",
            """{"podSelector":{},"egress":[{"ports":[{"protocol":"ICMP","port":53}]}]}""",
            "spec.egress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\""
        },
        {
            "bad-port",
            """{"podSelector":{},"ingress":[{"ports":[{"port":70000}]}]}""",
            "spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive"
        },
        {
            "in-without-values",
            """{"podSelector":{"matchExpressions":[{"key":"app","operator":"In"}]}}""",
            "spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"
        },
        {
            "bad-policy-type",
            """{"podSelector":{},"policyTypes":["Sideways"]}""",
            "spec.policyTypes[0]: Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\""
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Create_InvalidSpec_Returns422NamingTheField(string name, string spec, string expected)
    {
        var answer = await api.SendAsync("POST", Path, $$"""{"metadata":{"name":"{{name}}"},"spec":{{spec}}}""");

        answer.Code.Should().Be(422, answer.Body);
        answer.Json["message"]!.ToString().Should().Be($"NetworkPolicy.networking.k8s.io \"{name}\" is invalid: {expected}");
    }

    [Fact]
    public async Task Create_OperatorsMetadataBlock_Accepted()
    {
        var answer = await api.SendAsync("POST", Path, """
            {"metadata":{"name":"metadata-block"},"spec":{"podSelector":{},"policyTypes":["Egress"],"egress":[
              {"to":[{"ipBlock":{"cidr":"0.0.0.0/0","except":["169.254.169.254/32"]}},{"ipBlock":{"cidr":"::/0"}},{"namespaceSelector":{}}]},
              {"ports":[{"protocol":"UDP","port":53},{"protocol":"TCP","port":53}]}]}}
            """);

        answer.Code.Should().Be(201, answer.Body);
    }
}
