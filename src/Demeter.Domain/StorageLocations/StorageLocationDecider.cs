using System.Collections.Immutable;
using System.Globalization;
using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;
using Demeter.Domain.Storage;
using static Demeter.Domain.Stock.StockRejections;
using static Demeter.Domain.StorageLocations.StorageLocationRejections;

namespace Demeter.Domain.StorageLocations;

/// <summary>
/// The rules of one claro's stock structure: its configuration (one active at most, history kept), its bins,
/// which batch holds which grouping key (find-or-create, never two), and its photo counts, which are split
/// over its batches as of their capture time and never override a newer count. Quantities are the batches'.
/// </summary>
public static class StorageLocationDecider
{
    public static Decision<IStorageLocationEvent> Decide(StorageLocationState state, IStorageLocationCommand command) => command switch
    {
        BookMovementByKey m => Resolve(state, m).Decision,
        RecordMovementRouted r => Routed(state, r),
        BookPhotoCount p => ReceiveCount(state, p),
        ApplyCountBalances b => AllocateCount(state, b),
        RecordCountBooked r => CountBooked(state, r),
        RecordSessionNotified n => SessionNotified(state, n),
        SetStorageLocationConfig c => Configure(state, c),
        RegisterStorageBin b => RegisterBin(state, b),
        ChangeStorageBinStatus s => ChangeBinStatus(state, s),
        RecordBatchArchived a => state.Batches.TryGetValue(a.BatchId, out var entry) && !entry.Archived
            ? Accept(new StorageLocationBatchArchived(state.StorageLocationId, a.BatchId, a.At))
            : Done(),
        GetStorageLocation => Done(),
        _ => Reject(UnsupportedMovement, $"Unknown command {command.GetType().Name}."),
    };

    /// <summary>
    /// The batch command a by-key movement becomes, once <see cref="Decide"/>'s events (a new bin or batch) are
    /// applied; null when the movement cannot be routed (Decide rejected it).
    /// </summary>
    public static RecordMovement? RouteByKey(StorageLocationState state, BookMovementByKey m)
    {
        var resolution = Resolve(state, m);
        if (!resolution.Decision.Accepted || resolution.Batch is not { } batch)
        {
            return null;
        }

        return new RecordMovement(batch.BatchId, m.MovementId, m.Type, m.Quantity, m.At, m.Details, batch.Identity);
    }

    /// <summary>The fingerprint a by-key movement is kept under: its content and the lot it asked for.</summary>
    public static long FingerprintOf(BookMovementByKey m) =>
        MovementFingerprint.Of(m.Type, m.Quantity, m.Details, string.Join(
            '|',
            m.Key.ProductId?.ToString(CultureInfo.InvariantCulture) ?? m.Key.ProductName ?? "-",
            m.Key.ProductStateId?.ToString(CultureInfo.InvariantCulture) ?? "-",
            m.Key.ProductSizeId?.ToString(CultureInfo.InvariantCulture) ?? "-",
            m.Key.PackagingId?.ToString(CultureInfo.InvariantCulture) ?? "-",
            m.Key.BinId?.ToString("N") ?? m.Key.BinCategory?.ToCode() ?? "-"));

    /// <summary>What the entity must do next for its photo counts: one count at a time, oldest received first; every notice owed.</summary>
    public static IReadOnlyList<StorageLocationStep> Next(StorageLocationState state)
    {
        var steps = new List<StorageLocationStep>();
        var working = state.PhotoCounts.Values
            .Where(c => c.Status is PhotoCountStatus.Pending or PhotoCountStatus.Allocated)
            .OrderBy(c => c.CapturedAt)
            .ThenBy(c => c.SessionId)
            .FirstOrDefault();
        if (working is { Status: PhotoCountStatus.Pending })
        {
            steps.Add(new QueryCountBalances(working.SessionId, working.CapturedAt, PhotoCountAllocator.Candidates(state).Select(b => b.BatchId).ToList()));
        }
        else if (working is { Status: PhotoCountStatus.Allocated })
        {
            steps.AddRange(working.Allocations
                .Where(a => !working.Results.ContainsKey(a.BatchId))
                .Select(a => new SendVerifyCount(
                    working.SessionId,
                    new VerifyCount(a.BatchId, working.SessionId, a.MovementId, working.CapturedAt, a.Target, working.User, a.Open))));
        }

        steps.AddRange(state.PhotoCounts.Values
            .Where(c => c.OwesNotice)
            .OrderBy(c => c.SessionId)
            .Select(c => new NotifyPhotoSession(c.SessionId, PhotoCountBooking.From(c))));
        return steps;
    }

    // ---- movements by key ----

    private sealed record Resolution(Decision<IStorageLocationEvent> Decision, BatchEntry? Batch);

    private static Resolution Resolve(StorageLocationState state, BookMovementByKey m)
    {
        if (Validate(state, m) is { } invalid)
        {
            return new Resolution(invalid, null);
        }

        if (state.Routed.TryGetValue(m.MovementId, out var routed))
        {
            return routed.Fingerprint == FingerprintOf(m) && state.Batches.TryGetValue(routed.BatchId, out var spent)
                ? new Resolution(Done(), spent)
                : new Resolution(
                    Reject(IdempotencyKeyReused, $"Movement {m.MovementId} was already booked with other content; a new movement needs a new movementId."),
                    null);
        }

        var config = state.ActiveConfig;
        var request = m.Key;
        var checkConfig = m.Type == MovementType.ManualInit || (m.Type == MovementType.Transplante && m.Quantity > 0);
        if (checkConfig && config is not null)
        {
            if (request.ProductId != config.ProductId)
            {
                return new Resolution(
                    Reject(
                        ProductMismatch,
                        $"Storage location {state.StorageLocationId} is configured for product {config.ProductId}; the request names " +
                        $"{(request.ProductId is { } p ? $"product {p}" : $"'{request.ProductName}'")}."),
                    null);
            }

            if (m.Type == MovementType.ManualInit)
            {
                // Omitted pot and state are the configured ones; a given pot must be the configured one.
                request = request with { PackagingId = request.PackagingId ?? config.PackagingId, ProductStateId = request.ProductStateId ?? config.ProductStateId };
            }

            if (config.PackagingId is { } packaging && request.PackagingId != packaging)
            {
                return new Resolution(
                    Reject(
                        PackagingMismatch,
                        $"Storage location {state.StorageLocationId} is configured for packaging {packaging}; the request names " +
                        $"{(request.PackagingId is { } k ? $"packaging {k}" : "none")}."),
                    null);
            }
        }

        var inbound = m.Type.Direction() > 0 || (m.Type is MovementType.Ajuste or MovementType.Transplante && m.Quantity > 0);
        return inbound ? FindOrCreate(state, request, m.NewBinId, m.NewBatchId, m.At) : FindExisting(state, request);
    }

    private static Decision<IStorageLocationEvent>? Validate(StorageLocationState state, BookMovementByKey m)
    {
        if (m.MovementId == Guid.Empty)
        {
            return Reject(InvalidId, "movementId must be a non-empty UUID chosen by the client and reused on retries.");
        }

        // A key without a product is the claro's lot of unknown product (a photo counted before any config).
        var key = m.Key;
        if (m.Type == MovementType.ManualInit && key.ProductId is null && string.IsNullOrWhiteSpace(key.ProductName))
        {
            return Reject(ProductRequired, "A manual init names the product it counts (productId).");
        }

        if (key.ProductId is <= 0 || key.ProductStateId is <= 0 || key.ProductSizeId is <= 0 || key.PackagingId is <= 0)
        {
            return Reject(InvalidId, "Product, state, size and packaging ids are positive numbers.");
        }

        if (key.ProductName?.Length > BatchKeyRequest.MaxProductNameLength)
        {
            return Reject(TextTooLong, $"A product name may have at most {BatchKeyRequest.MaxProductNameLength} characters.");
        }

        if (key.ProductName is { } productName && Common.TextRules.HasHiddenCharacters(productName))
        {
            return Reject(InvalidText, "A product name may not hold control or invisible formatting characters.");
        }

        if (key.BinId is { } binId && !state.Bins.ContainsKey(binId))
        {
            return Reject(BinNotFound, $"Storage bin {binId} is not in storage location {state.StorageLocationId}.");
        }

        // What the batch would refuse for the request's own shape is refused here, before anything is created.
        var shape = StockBatchDecider.Decide(
            StockBatchState.Empty(m.NewBatchId),
            new RecordMovement(m.NewBatchId, m.MovementId, m.Type, m.Quantity, m.At, m.Details, new BatchIdentity(
                new BatchKey(state.StorageLocationId, m.NewBinId, key.ProductId, key.ProductName, key.ProductStateId, key.ProductSizeId, key.PackagingId), "PROBE")));
        return shape.Rejection is { Code: not InsufficientStock } r ? Reject(r.Code, r.Reason, r.Available) : null;
    }

    private static Resolution FindOrCreate(StorageLocationState state, BatchKeyRequest request, Guid newBinId, Guid newBatchId, DateTimeOffset at)
    {
        var events = new List<IStorageLocationEvent>();
        StorageBin bin;
        if (request.BinId is { } binId)
        {
            bin = state.Bins[binId];
            if (bin.Status != StorageBinStatus.Active)
            {
                return new Resolution(Reject(BinNotActive, $"Storage bin {bin.Code} is {bin.Status.ToString().ToLowerInvariant()} and takes no plants."), null);
            }
        }
        else
        {
            var category = request.BinCategory ?? StorageBinCategory.Segment;
            bin = state.Bins.Values
                .Where(b => b.Category == category && b.Status == StorageBinStatus.Active)
                .OrderByDescending(b => b.CreatedAt)
                .ThenBy(b => b.BinId)
                .FirstOrDefault()
                ?? NewBin(state, newBinId, StorageBinTypes.DefaultFor(category), null, at);
            if (!state.Bins.ContainsKey(bin.BinId))
            {
                events.Add(new StorageBinRegistered(state.StorageLocationId, bin));
            }
        }

        var key = new BatchKey(state.StorageLocationId, bin.BinId, request.ProductId, request.ProductName, request.ProductStateId, request.ProductSizeId, request.PackagingId);
        var batch = state.OpenBatches.FirstOrDefault(b => b.Identity.Key.SameLotAs(key));
        if (batch is null)
        {
            batch = new BatchEntry(newBatchId, new BatchIdentity(key, NextCode(state, key, at)), false, at);
            events.Add(new BatchAssigned(state.StorageLocationId, batch.BatchId, batch.Identity, at));
        }

        return new Resolution(Decision<IStorageLocationEvent>.Accept(events), batch);
    }

    private static Resolution FindExisting(StorageLocationState state, BatchKeyRequest request)
    {
        var matches = state.OpenBatches
            .Where(b =>
            {
                var k = b.Identity.Key;
                return k.HoldsProduct(request.ProductId, request.ProductName) && k.ProductStateId == request.ProductStateId
                    && k.ProductSizeId == request.ProductSizeId && k.PackagingId == request.PackagingId
                    && (request.BinId is null || k.BinId == request.BinId)
                    && (request.BinCategory is null || (state.Bins.TryGetValue(k.BinId, out var bin) && bin.Category == request.BinCategory));
            })
            .ToList();
        return matches.Count switch
        {
            0 => new Resolution(Reject(BatchNotFound, $"Storage location {state.StorageLocationId} holds no open batch of that product, state, size and packaging."), null),
            1 => new Resolution(Done(), matches[0]),
            _ => new Resolution(
                Reject(AmbiguousBatch, $"Several batches match ({string.Join(", ", matches.Select(b => b.Identity.Code))}): name the batch (batchId) or the bin (binId)."),
                null),
        };
    }

    private static Decision<IStorageLocationEvent> Routed(StorageLocationState state, RecordMovementRouted r) =>
        state.Routed.ContainsKey(r.MovementId)
            ? Done()
            : Accept(new MovementRouted(state.StorageLocationId, r.MovementId, r.Fingerprint, r.BatchId, r.Type, r.At));

    // ---- photo counts ----

    private static Decision<IStorageLocationEvent> ReceiveCount(StorageLocationState state, BookPhotoCount p)
    {
        if (p.SessionId == Guid.Empty)
        {
            return Reject(InvalidId, "A photo count needs its session id.");
        }

        if (state.PhotoCounts.ContainsKey(p.SessionId))
        {
            return Done();
        }

        if (p.Counted < 0)
        {
            return Reject(InvalidQuantity, "A photo count cannot be negative.");
        }

        if (p.Categories is { } categories)
        {
            // What the photo saw per container category must add up to what it counted, or nothing is booked.
            var sum = categories.Sum(c => (long)c.Count);
            if (categories.Any(c => c.Count < 0) || categories.Select(c => c.Category).Distinct().Count() != categories.Count || sum != p.Counted)
            {
                return Reject(
                    InvalidQuantity,
                    $"The counts per container category ({string.Join(", ", categories.Select(c => $"{c.Category.ToCode()} {c.Count}"))}, Σ {sum}) " +
                    $"must be distinct, non-negative and add up to the photo's count ({p.Counted}).");
            }
        }

        return state.LatestCountAt is { } latest && p.CapturedAt < latest
            ? Accept(new PhotoCountSuperseded(state.StorageLocationId, p.SessionId, p.CapturedAt, p.Counted, p.User, latest, p.At))
            : Accept(new PhotoCountReceived(state.StorageLocationId, p.SessionId, p.CapturedAt, p.Counted, p.User, p.At, p.Categories));
    }

    private static Decision<IStorageLocationEvent> AllocateCount(StorageLocationState state, ApplyCountBalances b)
    {
        if (!state.PhotoCounts.TryGetValue(b.SessionId, out var count) || count.Status != PhotoCountStatus.Pending)
        {
            return Done();
        }

        if (state.LatestCountAt is { } latest && count.CapturedAt < latest)
        {
            return Accept(new PhotoCountSuperseded(state.StorageLocationId, count.SessionId, count.CapturedAt, count.Counted, count.User, latest, b.At));
        }

        // One plan per container category the photo saw (each over the lots in bins of that category), or one for the
        // whole claro when it saw a single kind of container.
        var parts = count.Categories is { Count: > 1 } categories
            ? categories.Select(c => (Category: (StorageBinCategory?)c.Category, c.Count, Plan: PhotoCountAllocator.Plan(state, c.Count, b.Balances, c.Category))).ToList()
            : [(Category: count.Categories?.SingleOrDefault()?.Category, count.Counted, Plan: PhotoCountAllocator.Plan(state, count.Counted, b.Balances))];
        if (parts.FirstOrDefault(x => x.Plan.NeedsConfig is not null).Plan?.NeedsConfig is { } reason)
        {
            return Accept(new PhotoCountNeedsConfig(state.StorageLocationId, count.SessionId, reason, b.At));
        }

        var needed = parts.Sum(x => x.Plan.Targets.Count + (x.Plan.NewBatchTarget is null ? 0 : 1));
        var newBatches = parts.Count(x => x.Plan.NewBatchTarget is not null);
        var newBatchIds = b.NewBatchIds is { Count: > 0 } batchIds ? batchIds : [b.NewBatchId];
        var newBinIds = b.NewBinIds is { Count: > 0 } binIds ? binIds : [b.NewBinId];
        if (b.MovementIds.Count < needed || b.MovementIds.Any(id => id == Guid.Empty) || newBatchIds.Count < newBatches || newBinIds.Count < newBatches
            || newBatchIds.Concat(newBinIds).Any(id => id == Guid.Empty))
        {
            return Reject(InvalidId, $"Splitting the count needs {needed} fresh movement ids and {newBatches} fresh batch and bin ids.");
        }

        var events = new List<IStorageLocationEvent>();
        var allocations = new List<CountAllocation>();
        var working = state;
        var fresh = 0;
        foreach (var part in parts)
        {
            allocations.AddRange(part.Plan.Targets.Select(t => new CountAllocation(t.BatchId, t.Target, b.MovementIds[allocations.Count], state.Batches[t.BatchId].Identity)));
            if (part.Plan.NewBatchTarget is not { } target)
            {
                continue;
            }

            // Later parts see the bins and batches earlier parts created (a batch code's sequence number counts them).
            var config = working.ActiveConfig;
            var resolution = FindOrCreate(
                working,
                new BatchKeyRequest(config?.ProductId, null, config?.ProductStateId, null, config?.PackagingId) { BinCategory = part.Category },
                newBinIds[fresh],
                newBatchIds[fresh],
                b.At);
            fresh++;
            events.AddRange(resolution.Decision.Events);
            working = resolution.Decision.Events.Aggregate(working, Evolve);
            allocations.Add(new CountAllocation(resolution.Batch!.BatchId, target, b.MovementIds[allocations.Count], resolution.Batch.Identity));
        }

        events.Add(new PhotoCountAllocated(state.StorageLocationId, count.SessionId, count.CapturedAt, [.. allocations], b.At));
        if (allocations.Count == 0)
        {
            events.Add(new PhotoCountBooked(
                state.StorageLocationId, count.SessionId, PhotoCountBooking.From(count with { Status = PhotoCountStatus.Booked }), b.At));
        }

        return Decision<IStorageLocationEvent>.Accept(events);
    }

    private static Decision<IStorageLocationEvent> CountBooked(StorageLocationState state, RecordCountBooked r)
    {
        if (!state.PhotoCounts.TryGetValue(r.SessionId, out var count) || count.Status != PhotoCountStatus.Allocated
            || count.Results.ContainsKey(r.BatchId) || count.Allocations.All(a => a.BatchId != r.BatchId))
        {
            return Done();
        }

        var events = new List<IStorageLocationEvent> { new PhotoCountBatchBooked(state.StorageLocationId, r.SessionId, r.BatchId, r.Outcome, r.At) };
        if (count.Allocations.All(a => a.BatchId == r.BatchId || count.Results.ContainsKey(a.BatchId)))
        {
            var booked = count with { Status = PhotoCountStatus.Booked, Results = count.Results.SetItem(r.BatchId, r.Outcome) };
            events.Add(new PhotoCountBooked(state.StorageLocationId, r.SessionId, PhotoCountBooking.From(booked), r.At));
        }

        return Decision<IStorageLocationEvent>.Accept(events);
    }

    private static Decision<IStorageLocationEvent> SessionNotified(StorageLocationState state, RecordSessionNotified n) =>
        state.PhotoCounts.TryGetValue(n.SessionId, out var count) && count.Status == n.Status && count.NotifiedStatus != n.Status
            ? Accept(new PhotoCountSessionNotified(state.StorageLocationId, n.SessionId, n.Status, n.At))
            : Done();

    // ---- configuration ----

    private static Decision<IStorageLocationEvent> Configure(StorageLocationState state, SetStorageLocationConfig c)
    {
        if (c.ProductId <= 0 || c.PackagingId is <= 0 || c.ProductStateId is <= 0)
        {
            return Reject(InvalidId, "Product, packaging and state ids are positive numbers.");
        }

        if (c.AreaCm2 is { } area && (!double.IsFinite(area) || area <= 0))
        {
            return Reject(InvalidConfig, "areaCm2 must be a positive number.");
        }

        if (c.Notes?.Length > StorageLocationConfig.MaxNotesLength)
        {
            return Reject(TextTooLong, $"Notes may have at most {StorageLocationConfig.MaxNotesLength} characters.");
        }

        var active = state.ActiveConfig;
        var events = new List<IStorageLocationEvent>();
        if (c.Mode == ConfigMode.Update)
        {
            if (active is null)
            {
                return Reject(NoActiveConfig, $"Storage location {state.StorageLocationId} has no active configuration to update; use mode 'create'.");
            }

            if (active.SameExpectationAs(c.ProductId, c.PackagingId, c.ProductStateId, c.AreaCm2, c.Notes))
            {
                return Done();
            }

            events.Add(new StorageLocationConfigUpdated(state.StorageLocationId, active with
            {
                ProductId = c.ProductId,
                PackagingId = c.PackagingId,
                ProductStateId = c.ProductStateId,
                AreaCm2 = c.AreaCm2,
                Notes = c.Notes,
                UpdatedAt = c.At,
                User = c.User,
            }));
        }
        else
        {
            if (state.Configs.Any(x => x.ConfigId == c.ConfigId) || c.ConfigId == Guid.Empty)
            {
                return Reject(InvalidId, "A new configuration needs a fresh id.");
            }

            if (active is not null && active.SameExpectationAs(c.ProductId, c.PackagingId, c.ProductStateId, c.AreaCm2, c.Notes))
            {
                return Reject(ConfigUnchanged, $"Storage location {state.StorageLocationId} is already configured exactly so.");
            }

            if (active is not null)
            {
                events.Add(new StorageLocationConfigDeactivated(state.StorageLocationId, active.ConfigId, c.At));
            }

            events.Add(new StorageLocationConfigured(
                state.StorageLocationId,
                new StorageLocationConfig(c.ConfigId, c.ProductId, c.PackagingId, c.ProductStateId, c.AreaCm2, c.Notes, true, c.At, c.At, null, c.User)));
        }

        // Counts that waited for a configuration are taken up again.
        events.AddRange(state.PhotoCounts.Values
            .Where(p => p.Status == PhotoCountStatus.NeedsConfig)
            .OrderBy(p => p.CapturedAt)
            .Select(p => new PhotoCountRequeued(state.StorageLocationId, p.SessionId, c.At)));
        return Decision<IStorageLocationEvent>.Accept(events);
    }

    // ---- bins ----

    private static Decision<IStorageLocationEvent> RegisterBin(StorageLocationState state, RegisterStorageBin b)
    {
        if (state.Bins.ContainsKey(b.BinId) || b.BinId == Guid.Empty)
        {
            return Reject(InvalidId, "A new bin needs a fresh id.");
        }

        if (StorageBinTypes.Find(b.TypeCode) is not { } type)
        {
            return Reject(UnknownBinType, $"Unknown bin type '{b.TypeCode}'. Known: {string.Join(", ", StorageBinTypes.All.Select(t => t.Code))}.");
        }

        if (b.Label?.Length > StorageBin.MaxLabelLength)
        {
            return Reject(TextTooLong, $"A bin label may have at most {StorageBin.MaxLabelLength} characters.");
        }

        if (b.Label is { } label && Common.TextRules.HasHiddenCharacters(label))
        {
            return Reject(InvalidText, "A bin label may not hold control or invisible formatting characters.");
        }

        return Accept(new StorageBinRegistered(state.StorageLocationId, NewBin(state, b.BinId, type, b.Label, b.At)));
    }

    private static Decision<IStorageLocationEvent> ChangeBinStatus(StorageLocationState state, ChangeStorageBinStatus s)
    {
        if (!state.Bins.TryGetValue(s.BinId, out var bin))
        {
            return Reject(BinNotFound, $"Storage bin {s.BinId} is not in storage location {state.StorageLocationId}.");
        }

        if (bin.Status == s.Status)
        {
            return Done();
        }

        if (bin.Status == StorageBinStatus.Retired)
        {
            return Reject(BinRetired, $"Storage bin {bin.Code} is retired for good.");
        }

        return s.Reason?.Length > MovementDetails.MaxReasonLength
            ? Reject(TextTooLong, $"The reason may have at most {MovementDetails.MaxReasonLength} characters.")
            : Accept(new StorageBinStatusChanged(state.StorageLocationId, s.BinId, s.Status, s.Reason, s.User, s.At));
    }

    private static StorageBin NewBin(StorageLocationState state, Guid binId, StorageBinType type, string? label, DateTimeOffset at) =>
        StorageBin.Create(binId, state.StorageLocationId, state.Bins.Values.Count(x => x.Category == type.Category) + 1, type, label, at);

    /// <summary>LOC{loc}-PROD{prod}-{yyyyMMdd}-{seq:000}, the sequence counting per claro, product and (UTC) day from 001.</summary>
    private static string NextCode(StorageLocationState state, BatchKey key, DateTimeOffset at)
    {
        var prefix = BatchCodes.Prefix(key.StorageLocationId, key.ProductId, at);
        return BatchCodes.Format(prefix, state.CodeSequences.GetValueOrDefault(prefix) + 1);
    }

    // ---- evolve ----

    public static StorageLocationState Evolve(StorageLocationState state, IStorageLocationEvent @event) => @event switch
    {
        StorageBinRegistered e => state with { Bins = state.Bins.SetItem(e.Bin.BinId, e.Bin) },
        StorageBinStatusChanged e => state with { Bins = state.Bins.SetItem(e.BinId, state.Bins[e.BinId] with { Status = e.Status }) },
        BatchAssigned e => state with
        {
            Batches = state.Batches.SetItem(e.BatchId, new BatchEntry(e.BatchId, e.Identity, false, e.At)),
            CodeSequences = BatchCodes.TryParse(e.Identity.Code, out var prefix, out var sequence)
                ? state.CodeSequences.SetItem(prefix, Math.Max(sequence, state.CodeSequences.GetValueOrDefault(prefix)))
                : state.CodeSequences,
        },
        StorageLocationBatchArchived e => state with { Batches = state.Batches.SetItem(e.BatchId, state.Batches[e.BatchId] with { Archived = true }) },
        MovementRouted e => state with
        {
            Routed = state.Routed.SetItem(e.MovementId, new RoutedMovement(e.Fingerprint, e.BatchId)),
            LatestCountAt = e.Type == MovementType.ManualInit ? Later(state.LatestCountAt, e.At) : state.LatestCountAt,
        },
        StorageLocationConfigured e => state with { Configs = state.Configs.Add(e.Config) },
        StorageLocationConfigUpdated e => state with { Configs = state.Configs.Select(c => c.ConfigId == e.Config.ConfigId ? e.Config : c).ToImmutableList() },
        StorageLocationConfigDeactivated e => state with
        {
            Configs = state.Configs.Select(c => c.ConfigId == e.ConfigId ? c with { Active = false, DeactivatedAt = e.At } : c).ToImmutableList(),
        },
        PhotoCountReceived e => state with
        {
            PhotoCounts = state.PhotoCounts.SetItem(e.SessionId, new StoragePhotoCount(
                e.SessionId, e.CapturedAt, e.Counted, e.User, PhotoCountStatus.Pending, [], ImmutableDictionary<Guid, CountOutcome>.Empty, null, null, e.Categories)),
        },
        PhotoCountRequeued e => UpdateCount(state, e.SessionId, c => c with { Status = PhotoCountStatus.Pending }),
        PhotoCountSuperseded e => state with
        {
            PhotoCounts = state.PhotoCounts.SetItem(e.SessionId, (state.PhotoCounts.GetValueOrDefault(e.SessionId) ?? new StoragePhotoCount(
                e.SessionId, e.CapturedAt, e.Counted, e.User, PhotoCountStatus.Superseded, [], ImmutableDictionary<Guid, CountOutcome>.Empty, null, null)) with
            {
                Status = PhotoCountStatus.Superseded,
                Note = $"Taken at {e.CapturedAt:O}, before the claro's latest count ({e.LatestCountAt:O}): it changes nothing.",
            }),
        },
        PhotoCountNeedsConfig e => UpdateCount(state, e.SessionId, c => c with { Status = PhotoCountStatus.NeedsConfig, Note = e.Reason }),
        PhotoCountAllocated e => UpdateCount(state, e.SessionId, c => c with { Status = PhotoCountStatus.Allocated, Allocations = e.Allocations, Note = null }) with
        {
            LatestCountAt = Later(state.LatestCountAt, e.CapturedAt),
        },
        PhotoCountBatchBooked e => UpdateCount(state, e.SessionId, c => c with { Results = c.Results.SetItem(e.BatchId, e.Outcome) }),
        PhotoCountBooked e => UpdateCount(state, e.SessionId, c => c with { Status = PhotoCountStatus.Booked }),
        PhotoCountSessionNotified e => UpdateCount(state, e.SessionId, c => c with { NotifiedStatus = e.Status }),
        _ => state,
    };

    private static StorageLocationState UpdateCount(StorageLocationState state, Guid sessionId, Func<StoragePhotoCount, StoragePhotoCount> change) =>
        state.PhotoCounts.TryGetValue(sessionId, out var count) ? state with { PhotoCounts = state.PhotoCounts.SetItem(sessionId, change(count)) } : state;

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private static Decision<IStorageLocationEvent> Accept(IStorageLocationEvent e) => Decision<IStorageLocationEvent>.Accept(e);

    private static Decision<IStorageLocationEvent> Done() => Decision<IStorageLocationEvent>.AlreadyDone();

    private static Decision<IStorageLocationEvent> Reject(string code, string reason, int? available = null) =>
        Decision<IStorageLocationEvent>.Reject(code, reason, available);
}
