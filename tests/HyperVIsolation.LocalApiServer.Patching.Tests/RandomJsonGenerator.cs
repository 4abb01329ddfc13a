using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Tests;

/// <summary>
/// Seeded generator of messy JSON: Kubernetes-looking keys, patch directives, pointer escapes,
/// wrong types and odd numbers, to shake out any exception that is not a PatchException.
/// </summary>
internal sealed class RandomJsonGenerator(int seed)
{
    private static readonly string[] Keys =
    [
        "a", "b", "name", "spec", "metadata", "containers", "env", "ports", "containerPort", "protocol",
        "finalizers", "labels", "template", "type", "status", "conditions", "uid", "ownerReferences",
        "$patch", "$retainKeys", "$setElementOrder/containers", "$deleteFromPrimitiveList/finalizers",
        "managedFields", "fieldsV1", "f:spec", "k:{\"name\":\"x\"}", ".", "~", "a/b", "-", "0", "",
    ];

    private static readonly JsonNode?[] Scalars =
    [
        null, true, false, 0, 1, -7, 80, 1e300, 3.5, long.MaxValue, "x", "delete", "replace", "merge",
        "TCP", "", "Update", "Apply", "FieldsV1", "apps/v1", "v1",
    ];

    private readonly Random random = new(seed);

    public int Next(int max) => random.Next(max);

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public string Key() => Pick(Keys);

    public JsonNode? Value(int depth)
    {
        var choice = depth <= 0 ? 0 : random.Next(10);
        return choice switch
        {
            < 5 => Pick(Scalars)?.DeepClone(),
            < 8 => Object(depth - 1),
            _ => Array(depth - 1),
        };
    }

    public JsonObject Object(int depth)
    {
        var obj = new JsonObject();
        for (var i = random.Next(5); i > 0; i--)
        {
            obj[Key()] = Value(depth);
        }

        return obj;
    }

    public JsonArray Array(int depth)
    {
        var array = new JsonArray();
        for (var i = random.Next(4); i > 0; i--)
        {
            array.Add(Value(depth));
        }

        return array;
    }

    public string Pointer()
    {
        var segments = Enumerable.Range(0, random.Next(4))
            .Select(_ => Pick(new[] { Key(), "0", "1", "5", "-", "~0", "~1", "~2", "01" }));
        return random.Next(12) == 0 ? "no-slash" : string.Concat(segments.Select(s => "/" + s));
    }

    public JsonNode JsonPatch()
    {
        if (random.Next(15) == 0)
        {
            return Object(2);
        }

        var operations = new JsonArray();
        for (var i = random.Next(4); i > 0; i--)
        {
            operations.Add(Operation());
        }

        return operations;
    }

    /// <summary>A Kubernetes-looking object of one of a few kinds, with random content.</summary>
    public JsonObject KubernetesObject(int depth)
    {
        var obj = Object(depth);
        var (apiVersion, kind) = Pick(new[] { ("v1", "Pod"), ("apps/v1", "Deployment"), ("example.com/v1", "Widget"), ("v1", "ConfigMap") });
        obj["apiVersion"] = apiVersion;
        obj["kind"] = kind;
        return obj;
    }

    private JsonNode? Operation()
    {
        if (random.Next(20) == 0)
        {
            return Value(1);
        }

        var operation = new JsonObject
        {
            ["op"] = Pick(new JsonNode?[] { "add", "remove", "replace", "move", "copy", "test", "bogus", 3, null })?.DeepClone(),
            ["path"] = random.Next(10) == 0 ? Value(1) : Pointer(),
        };
        if (random.Next(3) > 0)
        {
            operation["value"] = Value(2);
        }

        if (random.Next(2) == 0)
        {
            operation["from"] = Pointer();
        }

        return operation;
    }
}
