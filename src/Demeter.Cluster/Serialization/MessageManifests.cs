using System.Collections.Frozen;
using System.Reflection;
using Demeter.Domain.Messaging;

namespace Demeter.Cluster.Serialization;

/// <summary>The two-way map between stable manifest names and message types, found once by reflection.</summary>
public static class MessageManifests
{
    private static readonly Lazy<(FrozenDictionary<string, Type> ByName, FrozenDictionary<Type, string> ByType)> Maps = new(Build);

    public static IReadOnlyDictionary<string, Type> All => Maps.Value.ByName;

    public static string NameOf(Type type) =>
        Maps.Value.ByType.TryGetValue(type, out var name)
            ? name
            : throw new InvalidOperationException($"{type.FullName} implements IDemeterMessage but has no [Manifest] attribute.");

    public static Type TypeOf(string manifest) =>
        Maps.Value.ByName.TryGetValue(manifest, out var type)
            ? type
            : throw new InvalidOperationException($"Unknown message manifest '{manifest}'.");

    private static (FrozenDictionary<string, Type>, FrozenDictionary<Type, string>) Build()
    {
        var assemblies = new[] { typeof(IDemeterMessage).Assembly, typeof(MessageManifests).Assembly };
        var byName = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.IsAbstract || type.IsInterface || !typeof(IDemeterMessage).IsAssignableFrom(type))
            {
                continue;
            }

            var name = type.GetCustomAttribute<ManifestAttribute>()?.Name
                ?? throw new InvalidOperationException($"{type.FullName} implements IDemeterMessage but has no [Manifest] attribute.");
            if (!byName.TryAdd(name, type))
            {
                throw new InvalidOperationException($"Manifest '{name}' is used by both {byName[name].FullName} and {type.FullName}.");
            }
        }

        return (byName.ToFrozenDictionary(), byName.ToFrozenDictionary(kv => kv.Value, kv => kv.Key));
    }
}
