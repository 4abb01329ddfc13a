using System.Text.Json.Nodes;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Whether a stored object already says everything a desired one says: every property of the desired
/// JSON is present with a contained value, arrays match element by element. Fields the API server adds by
/// defaulting (an empty <c>objectSelector</c>, say) are ignored, so an unchanged configuration causes no write.
/// </summary>
internal static class JsonContainment
{
    /// <summary>Whether <paramref name="actual"/> contains <paramref name="desired"/>.</summary>
    public static bool Contains(JsonNode? actual, JsonNode? desired) => (actual, desired) switch
    {
        (_, null) => true,
        (null, _) => false,
        (JsonObject actualObject, JsonObject desiredObject) => desiredObject.All(property => Contains(actualObject[property.Key], property.Value)),
        (JsonArray actualArray, JsonArray desiredArray) => actualArray.Count == desiredArray.Count && desiredArray.Select((item, index) => Contains(actualArray[index], item)).All(contained => contained),
        _ => JsonNode.DeepEquals(actual, desired),
    };
}
