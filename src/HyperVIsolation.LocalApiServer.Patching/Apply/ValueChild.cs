using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>One child of a value: its encoded path element, its value and its schema.</summary>
internal readonly record struct ValueChild(string Element, JsonNode? Value, SchemaNode Schema);
