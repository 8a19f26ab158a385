import CMark
import Foundation

/// cmark's memory while one page is rendered: a per-thread arena that hands out memory by
/// bumping a pointer and releases all of it at once when the page is done.
///
/// cmark allocates every node, every text chunk and every buffer step with `calloc` and frees
/// each one again. At 10,000 pages on two threads those calls were a third of the Markdown step's
/// CPU time (glibc's `_int_malloc` and `malloc_consolidate` over a heap fragmented by the
/// build's long-lived pages). cmark's allocator interface (`cmark_mem`) takes no context
/// pointer, so the calling thread's arena is found through a thread-local key. Trees made in a
/// `scope` must not outlive it; they never leave `MarkdownRenderer.render`.
enum CMarkArena {
    /// Runs `body` with cmark trees parsed in the calling thread's arena (see `allocator`). When
    /// the outermost scope of the thread ends, everything allocated in it is released.
    static func scope<Result>(_ body: () throws -> Result) rethrows -> Result {
        let arena = ThreadArena.current
        arena.pointee.depth += 1
        defer {
            arena.pointee.depth -= 1
            if arena.pointee.depth == 0 { arena.pointee.reset() }
        }
        return try body()
    }

    /// The allocator for new cmark trees: the thread's arena inside a `scope`, cmark's default
    /// (`malloc`) outside one.
    static var allocator: UnsafeMutablePointer<cmark_mem> {
        let arena = ThreadArena.current
        return arena.pointee.depth > 0 ? arena.pointee.allocator : cmark_get_default_mem_allocator()
    }

    /// Frees what cmark returned from a tree made with `allocator` (the rendered HTML): the arena
    /// releases it with its scope, `malloc`'s memory must be freed.
    static func freeResult(_ pointer: UnsafeMutableRawPointer) {
        if ThreadArena.current.pointee.depth == 0 { free(pointer) }
    }
}

/// One thread's arena (see `CMarkArena`). Memory comes in blocks that are kept for the next page,
/// so after the first pages cmark writes to memory that is already mapped and in the cache.
/// Reached through a pointer rather than as a class: cmark calls it for every allocation, and a
/// class's properties pay for retains and dynamic exclusivity checks on each call.
private struct ThreadArena {
    var depth = 0
    /// The arena's entry points for cmark; the functions find the arena of the thread they run on.
    let allocator: UnsafeMutablePointer<cmark_mem>
    private var blocks: [UnsafeMutableRawPointer] = []
    private var block = -1
    private var offset = ThreadArena.blockSize
    /// Allocations too large for a block, freed at `reset`.
    private var large: [UnsafeMutableRawPointer] = []
    /// The most recent allocation: `realloc` grows it in place when there is room after it.
    private var last: UnsafeMutableRawPointer?

    private static let blockSize = 256 << 10
    private static let largeSize = 32 << 10
    /// Each allocation is preceded by its size; 16 bytes keep the memory 16-byte aligned, as
    /// `malloc`'s is.
    private static let headerSize = 16

    /// The calling thread's arena, made on first use and released when the thread ends.
    static var current: UnsafeMutablePointer<ThreadArena> {
        if let existing = pthread_getspecific(key) {
            return existing.assumingMemoryBound(to: ThreadArena.self)
        }
        let arena = UnsafeMutablePointer<ThreadArena>.allocate(capacity: 1)
        arena.initialize(to: ThreadArena())
        pthread_setspecific(key, arena)
        return arena
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let arena = pointer?.assumingMemoryBound(to: ThreadArena.self) else { return }
            arena.pointee.release()
            arena.deinitialize(count: 1)
            arena.deallocate()
        }
        return key
    }()

    private init() {
        allocator = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        allocator.initialize(to: cmark_mem(
            calloc: { count, size in
                let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
                return overflow ? nil : ThreadArena.current.pointee.allocate(bytes, zeroed: true)
            },
            realloc: { pointer, size in ThreadArena.current.pointee.reallocate(pointer, to: size) },
            free: { _ in }))
    }

    /// Frees all memory of the arena, at the end of its thread.
    private mutating func release() {
        reset()
        for block in blocks { free(block) }
        blocks = []
        allocator.deallocate()
    }

    mutating func allocate(_ size: Int, zeroed: Bool) -> UnsafeMutableRawPointer? {
        let rounded = (size + 15) & ~15
        let memory: UnsafeMutableRawPointer
        if rounded > Self.largeSize {
            guard let allocation = malloc(Self.headerSize + rounded) else { return nil }
            large.append(allocation)
            memory = allocation
        } else {
            if offset + Self.headerSize + rounded > Self.blockSize { guard nextBlock() else { return nil } }
            memory = blocks[block] + offset
            offset += Self.headerSize + rounded
        }
        memory.storeBytes(of: rounded, as: Int.self)
        let user = memory + Self.headerSize
        if zeroed { user.initializeMemory(as: UInt8.self, repeating: 0, count: rounded) }
        last = user
        return user
    }

    mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(size, zeroed: false) }
        let header = pointer - Self.headerSize
        let oldSize = header.load(as: Int.self)
        let rounded = (size + 15) & ~15
        if rounded <= oldSize { return pointer }
        // The last allocation of the current block grows where it is.
        if pointer == last, block >= 0, header >= blocks[block], header < blocks[block] + Self.blockSize,
           offset - oldSize + rounded <= Self.blockSize, rounded <= Self.largeSize {
            offset += rounded - oldSize
            header.storeBytes(of: rounded, as: Int.self)
            return pointer
        }
        guard let moved = allocate(size, zeroed: false) else { return nil }
        moved.copyMemory(from: pointer, byteCount: oldSize)
        return moved
    }

    /// Releases everything allocated since the last reset; the blocks stay for the next page.
    mutating func reset() {
        for allocation in large { free(allocation) }
        large.removeAll(keepingCapacity: true)
        block = blocks.isEmpty ? -1 : 0
        offset = blocks.isEmpty ? Self.blockSize : 0
        last = nil
    }

    private mutating func nextBlock() -> Bool {
        if block + 1 == blocks.count {
            guard let memory = malloc(Self.blockSize) else { return false }
            blocks.append(memory)
        }
        block += 1
        offset = 0
        return true
    }
}
