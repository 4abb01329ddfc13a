using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Apply;
using HyperVIsolation.LocalApiServer.Patching.Json;
using HyperVIsolation.LocalApiServer.Patching.Schema;
using HyperVIsolation.LocalApiServer.Patching.Strategic;

namespace HyperVIsolation.LocalApiServer.Patching.Tests;

/// <summary>
/// Feeds thousands of random documents and patches to every entry point: each call either
/// succeeds or throws a <see cref="PatchException"/>, never anything else.
/// </summary>
public sealed class MalformedInputPropertyTests
{
    private const int Iterations = 2000;
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void JsonPatchApply_RandomPatches_OnlyPatchException(int seed)
    {
        var generator = new RandomJsonGenerator(seed);

        AssertOnlyPatchExceptions(generator, g => JsonPatch.Apply(g.Value(4), g.JsonPatch()));
    }

    [Theory]
    [InlineData(3)]
    public void JsonMergePatchApply_RandomPatches_OnlyPatchException(int seed)
    {
        var generator = new RandomJsonGenerator(seed);

        AssertOnlyPatchExceptions(generator, g => JsonMergePatch.ApplyToObject(g.Object(4), g.Value(4)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void StrategicMergePatchApply_RandomPatches_OnlyPatchException(int seed)
    {
        var generator = new RandomJsonGenerator(seed);

        AssertOnlyPatchExceptions(generator, g => StrategicMergePatch.Apply(g.KubernetesObject(4), g.Next(8) == 0 ? g.Value(3) : g.Object(5)));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void ServerSideApply_RandomObjects_OnlyPatchException(int seed)
    {
        var generator = new RandomJsonGenerator(seed);

        AssertOnlyPatchExceptions(generator, g =>
        {
            var schema = RandomSchema(g);
            var live = g.Next(4) == 0 ? null : g.KubernetesObject(4);
            var first = ServerSideApply.Apply(live, g.KubernetesObject(4), g.Pick(new[] { "a", "b", "" }), g.Next(2) == 0, schema, Now);
            _ = ServerSideApply.Apply(first, g.KubernetesObject(4), g.Pick(new[] { "a", "b" }), g.Next(2) == 0, schema, Now);
        });
    }

    [Theory]
    [InlineData(8)]
    public void RecordUpdate_RandomObjects_OnlyPatchException(int seed)
    {
        var generator = new RandomJsonGenerator(seed);

        AssertOnlyPatchExceptions(generator, g =>
        {
            var schema = RandomSchema(g);
            var first = ManagedFieldsTracker.RecordUpdate(g.Next(3) == 0 ? null : g.KubernetesObject(4), g.KubernetesObject(4), "m1", schema, Now);
            _ = ManagedFieldsTracker.RecordUpdate(first, g.KubernetesObject(4), "m2", schema, Now, g.Next(2) == 0 ? "status" : null);
        });
    }

    [Fact]
    public void Apply_DeeplyNestedDocument_ThrowsBadRequestInsteadOfOverflowing()
    {
        JsonNode deep = new JsonObject();
        for (var i = 0; i < 5000; i++)
        {
            deep = new JsonObject { ["a"] = deep };
        }

        var act = () => JsonMergePatch.Apply(new JsonObject(), deep);

        act.Should().Throw<PatchException>().Which.StatusCode.Should().Be(400);
    }

    private static ApplySchema RandomSchema(RandomJsonGenerator generator) => generator.Next(4) switch
    {
        0 => ApplySchema.ForBuiltIn("v1", "Pod")!,
        1 => ApplySchema.ForBuiltIn("apps/v1", "Deployment")!,
        2 => ApplySchema.FromOpenApiSchema(generator.Value(4)),
        _ => ApplySchema.Untyped,
    };

    private static void AssertOnlyPatchExceptions(RandomJsonGenerator generator, Action<RandomJsonGenerator> call)
    {
        var succeeded = 0;
        for (var i = 0; i < Iterations; i++)
        {
            try
            {
                call(generator);
                succeeded++;
            }
            catch (PatchException)
            {
                // Expected for malformed input.
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"iteration {i} threw {ex.GetType().Name}: {ex}");
            }
        }

        succeeded.Should().BeGreaterThan(0, "the generator should also produce some valid inputs");
    }
}
