using System.Text;
using System.Text.Json.Nodes;
using HyperVIsolation.Operator.Admission.Mutation;

namespace HyperVIsolation.Operator.Tests.Admission.Mutation;

public sealed class JsonPatchOperationTests
{
    [Fact]
    public void Serialize_EachKindOfOperation_CompactJsonWithValueOnlyWhereOneIsGiven()
    {
        JsonPatchOperation[] operations =
        [
            JsonPatchOperation.Remove("/metadata/annotations/io.microsoft.virtualmachine.cpugroup.id"),
            JsonPatchOperation.Replace("/spec/os/name", JsonValue.Create("windows")),
            JsonPatchOperation.Add("/spec/nodeSelector/kubernetes.io~1os", JsonValue.Create("windows")),
            JsonPatchOperation.Add("/spec/tolerations", new JsonArray(new JsonObject { ["key"] = "os", ["effect"] = "NoSchedule" })),
        ];

        Encoding.UTF8.GetString(JsonPatchOperation.Serialize(operations)).Should().Be(
            """[{"op":"remove","path":"/metadata/annotations/io.microsoft.virtualmachine.cpugroup.id"},"""
            + """{"op":"replace","path":"/spec/os/name","value":"windows"},"""
            + """{"op":"add","path":"/spec/nodeSelector/kubernetes.io~1os","value":"windows"},"""
            + """{"op":"add","path":"/spec/tolerations","value":[{"key":"os","effect":"NoSchedule"}]}]""");
    }

    [Fact]
    public void Serialize_NoOperations_EmptyArray() =>
        Encoding.UTF8.GetString(JsonPatchOperation.Serialize([])).Should().Be("[]");
}
