using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HyperVIsolation.Operator.Admission.Http;
using HyperVIsolation.Operator.Admission.Review;
using HyperVIsolation.Operator.Admission.State;
using HyperVIsolation.Operator.Tests.Admission;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperVIsolation.Operator.Tests.Admission.Review;

/// <summary>
/// Tens of thousands of generated bodies straight into the handler (no HTTP, to stay fast): random
/// bytes, truncated and byte-flipped valid reviews, random JSON, and valid reviews with parts
/// replaced by random values. Every answer is a 400 or a 200 carrying a well-formed response.
/// </summary>
public sealed class AdmissionReviewFuzzTests
{
    private static readonly AdmissionEndpoint[] Endpoints = Enum.GetValues<AdmissionEndpoint>();

    [Fact]
    public void Handle_GeneratedInputs_OnlyWellFormedResponsesOr400()
    {
        var handler = CreateHandler(AdmissionFixtures.State());
        var random = new Random(20240611);
        var seeds = SeedReviews();
        var stopwatch = Stopwatch.StartNew();
        var counts = new Dictionary<int, int>();
        for (var iteration = 0; iteration < 40_000; iteration++)
        {
            var body = (iteration % 5) switch
            {
                0 => RandomBytes(random),
                1 => Truncate(random, seeds[random.Next(seeds.Count)]),
                2 => Encoding.UTF8.GetBytes(RandomJson(random, depth: 0)?.ToJsonString() ?? "null"),
                3 => FlipBytes(random, seeds[random.Next(seeds.Count)]),
                _ => MutateJson(random, seeds[random.Next(seeds.Count)]),
            };
            var endpoint = Endpoints[random.Next(Endpoints.Length)];

            var result = handler.Handle(body, endpoint);

            counts[result.StatusCode] = counts.GetValueOrDefault(result.StatusCode) + 1;
            result.StatusCode.Should().BeOneOf(200, 400);
            if (result.StatusCode == 200)
            {
                AssertWellFormed(result.Body);
            }
        }

        // About 5 s on an idle 2-core machine; the bound only catches pathological slowness
        // (for example regex backtracking), not a busy machine.
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
        counts.Should().ContainKey(200).And.ContainKey(400);
    }

    internal static AdmissionReviewHandler CreateHandler(IAdmissionState state)
    {
        var services = new ServiceCollection();
        services.AddSingleton(state);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddIsolationAdmission();
        return services.BuildServiceProvider().GetRequiredService<AdmissionReviewHandler>();
    }

    private static void AssertWellFormed(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        root.GetProperty("apiVersion").GetString().Should().Be("admission.k8s.io/v1");
        root.GetProperty("kind").GetString().Should().Be("AdmissionReview");
        var response = root.GetProperty("response");
        response.GetProperty("uid").GetString().Should().NotBeNullOrEmpty();
        var allowed = response.GetProperty("allowed").GetBoolean();
        if (!allowed)
        {
            response.GetProperty("status").GetProperty("code").GetInt32().Should().BeOneOf(400, 403, 500);
        }

        if (response.TryGetProperty("patch", out var patch))
        {
            JsonNode.Parse(Convert.FromBase64String(patch.GetString()!))!.AsArray().Should().NotBeEmpty();
            response.GetProperty("patchType").GetString().Should().Be("JSONPatch");
        }
    }

    private static List<byte[]> SeedReviews()
    {
        var pod = AdmissionFixtures.ConformingPod();
        var submitted = AdmissionFixtures.SubmittedPod();
        var hostile = AdmissionFixtures.ConformingPod();
        hostile.Spec.HostNetwork = true;
        hostile.Metadata.Annotations["io.microsoft.virtualmachine.cpugroup.id"] = "1";
        var ns = new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = AdmissionFixtures.Tenant, Labels = AdmissionFixtures.TenantLabels() } };
        var bare = new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = AdmissionFixtures.Tenant } };
        return new[]
        {
            AdmissionFixtures.Review("CREATE", submitted),
            AdmissionFixtures.Review("CREATE", pod),
            AdmissionFixtures.Review("CREATE", hostile),
            AdmissionFixtures.Review("UPDATE", hostile, pod),
            AdmissionFixtures.Review("UPDATE", pod, pod, subResource: "ephemeralcontainers"),
            AdmissionFixtures.Review("UPDATE", bare, ns, resource: "namespaces", kind: "Namespace", ns: null),
            AdmissionFixtures.Review("CREATE", AdmissionFixtures.Policy(), group: "isolation.hyperv.dev", resource: "isolationpolicies", kind: "IsolationPolicy", ns: null),
            AdmissionFixtures.Review("DELETE", null, pod),
        }.Select(Encoding.UTF8.GetBytes).ToList();
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 512)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Truncate(Random random, byte[] seed) => seed[..random.Next(0, seed.Length)];

    private static byte[] FlipBytes(Random random, byte[] seed)
    {
        var copy = (byte[])seed.Clone();
        for (var flips = random.Next(1, 4); flips > 0; flips--)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(32, 127);
        }

        return copy;
    }

    /// <summary>Replaces one node anywhere in a valid review with a random JSON value.</summary>
    private static byte[] MutateJson(Random random, byte[] seed)
    {
        var root = JsonNode.Parse(seed)!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        var replacement = RandomJson(random, depth: 2);
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = replacement;
                break;
            default:
                return Encoding.UTF8.GetBytes(replacement?.ToJsonString() ?? "null");
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        var children = node switch
        {
            JsonObject obj => obj.Select(entry => entry.Value),
            JsonArray array => array.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            Collect(child, nodes);
        }
    }

    private static JsonNode? RandomJson(Random random, int depth) => (depth > 4 ? random.Next(5) : random.Next(8)) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-5, 1_000_000)),
        3 => JsonValue.Create(random.NextDouble() * 1e20),
        4 => JsonValue.Create(RandomString(random)),
        5 => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1)).ToArray()),
        _ => RandomObject(random, depth),
    };

    private static JsonObject RandomObject(Random random, int depth)
    {
        string[] names = ["apiVersion", "kind", "request", "uid", "object", "spec", "metadata", "operation", "resource", "containers", "annotations"];
        var obj = new JsonObject();
        for (var count = random.Next(5); count > 0; count--)
        {
            obj[random.Next(3) == 0 ? RandomString(random) : names[random.Next(names.Length)]] = RandomJson(random, depth + 1);
        }

        return obj;
    }

    private static string RandomString(Random random)
    {
        string[] words = ["CREATE", "UPDATE", "admission.k8s.io/v1", "AdmissionReview", "pods", "1Gi", "-1", "linux", "io.microsoft.x", "", "\u0000", "🙂"];
        return random.Next(2) == 0 ? words[random.Next(words.Length)] : new string((char)random.Next(32, 0x2FFF), random.Next(0, 8));
    }
}
