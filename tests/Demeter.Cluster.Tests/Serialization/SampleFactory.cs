using System.Collections;
using System.Collections.Immutable;
using System.Reflection;

namespace Demeter.Cluster.Tests.Serialization;

/// <summary>
/// Builds a populated instance of any message type (records with a primary constructor), so the
/// round-trip test covers every registered manifest without a hand-written sample per type.
/// </summary>
public static class SampleFactory
{
    public static object Create(Type type, int depth = 0)
    {
        if (depth > 12)
        {
            throw new InvalidOperationException($"Sample of {type} nests too deep.");
        }

        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null)
        {
            return Create(nullable, depth);
        }

        if (type == typeof(string)) return "sample-text";
        if (type == typeof(int)) return 7;
        if (type == typeof(long)) return 70_000_000_000L;
        if (type == typeof(double)) return 1.25;
        if (type == typeof(decimal)) return 1050.5m;
        if (type == typeof(DateOnly)) return new DateOnly(2026, 11, 22);
        if (type == typeof(float)) return 0.5f;
        if (type == typeof(bool)) return true;
        if (type == typeof(Guid)) return Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.Zero);
        if (type == typeof(TimeSpan)) return TimeSpan.FromMilliseconds(1234);
        if (type == typeof(byte[])) return new byte[] { 1, 2, 3, 250 };
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var args = type.GetGenericArguments();
            if (definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IEnumerable<>))
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(args[0]))!;
                list.Add(Create(args[0], depth + 1));
                list.Add(Create(args[0], depth + 1));
                return list;
            }

            if (definition == typeof(ImmutableList<>))
            {
                var item = Create(args[0], depth + 1);
                var empty = type.GetField("Empty", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
                return type.GetMethod("Add")!.Invoke(empty, [item])!;
            }

            if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>))
            {
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
                dictionary.Add(Create(args[0], depth + 1), Create(args[1], depth + 1));
                return dictionary;
            }

            if (definition == typeof(ImmutableHashSet<>))
            {
                var create = typeof(ImmutableHashSet).GetMethods()
                    .Single(m => m.Name == nameof(ImmutableHashSet.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
                    .MakeGenericMethod(args[0]);
                var items = Array.CreateInstance(args[0], 1);
                items.SetValue(Create(args[0], depth + 1), 0);
                return create.Invoke(null, [items])!;
            }

            if (definition == typeof(ImmutableDictionary<,>) || definition == typeof(ImmutableSortedDictionary<,>))
            {
                var empty = type.GetField("Empty", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
                return type.GetMethod("Add")!.Invoke(empty, [Create(args[0], depth + 1), Create(args[1], depth + 1)])!;
            }
        }

        if (type.IsArray)
        {
            var array = Array.CreateInstance(type.GetElementType()!, 2);
            array.SetValue(Create(type.GetElementType()!, depth + 1), 0);
            array.SetValue(Create(type.GetElementType()!, depth + 1), 1);
            return array;
        }

        // A polymorphic base (a catalog entry): a sample of one of the types it declares.
        if (type.IsAbstract && type.GetCustomAttributes<System.Text.Json.Serialization.JsonDerivedTypeAttribute>().LastOrDefault() is { } derived)
        {
            return Create(derived.DerivedType, depth);
        }

        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{type} has no public constructor.");
        return ctor.Invoke(ctor.GetParameters().Select(p => Create(p.ParameterType, depth + 1)).ToArray());
    }
}
