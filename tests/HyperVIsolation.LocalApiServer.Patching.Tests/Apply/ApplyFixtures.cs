using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Tests.Apply;

/// <summary>Objects and clock values shared by the server-side apply tests.</summary>
internal static class ApplyFixtures
{
    public static readonly DateTimeOffset T1 = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    public static readonly DateTimeOffset T2 = T1.AddMinutes(5);
    public static readonly DateTimeOffset T3 = T1.AddMinutes(10);

    public static ApplySchema DeploymentSchema => ApplySchema.ForBuiltIn("apps/v1", "Deployment")!;

    public static JsonObject Deployment(int replicas = 2, string image = "nginx:1.27", string labels = """{"app":"web"}""")
    {
        var deployment = JsonAssertions.ParseObject("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"default","labels":{}},
             "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
              "template":{"metadata":{"labels":{"app":"web"}},
               "spec":{"containers":[{"name":"nginx","image":"","ports":[{"containerPort":80}]}]}}}}
            """);
        deployment["metadata"]!["labels"] = JsonNode.Parse(labels);
        deployment["spec"]!["replicas"] = replicas;
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image;
        return deployment;
    }

    public static JsonObject Configuration(string spec) =>
        JsonAssertions.ParseObject($$"""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},"spec":{{spec}} }""");

    public static JsonObject? Entry(JsonObject obj, string manager, string operation = "Apply") =>
        obj["metadata"]?["managedFields"]?.AsArray()
            .OfType<JsonObject>()
            .SingleOrDefault(e => (string?)e["manager"] == manager && (string?)e["operation"] == operation);

    /// <summary>What the HTTP server does after a create: assign identity and bookkeeping fields.</summary>
    public static JsonObject Stored(JsonObject obj)
    {
        var stored = (JsonObject)obj.DeepClone();
        stored["metadata"]!["uid"] = "0b5c1f7e-0000-4000-8000-000000000001";
        stored["metadata"]!["resourceVersion"] = "1";
        stored["metadata"]!["creationTimestamp"] = "2025-01-02T03:04:05Z";
        return stored;
    }
}
