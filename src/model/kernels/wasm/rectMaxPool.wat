;; Rectangle max pooling with a 2-D sparse table, in WebAssembly SIMD (f32x4).
;; Driven by rectMaxPoolWasm.ts, which also documents the algorithm; rebuild the embedded binary with
;; `node --import tsx scripts/build-rect-pool-wasm.ts` (needs wat2wasm from Debian's `wabt`).
;;
;; The memory is imported so the same module can run on the tfjs wasm backend's own heap (tensors are
;; read and written in place, no copies) or on a fresh memory for the cpu backend.
;; All pointers and strides are in bytes. Tables hold one block of `bs` channels per cell (bs is a
;; multiple of 4, so every table row is whole vectors); only the first `b` lanes of a block are real.
;; f32x4.pmax (b < a ? a : b) compiles to one maxps on x86, where f32x4.max needs a NaN/-0 fix-up.
(module
  (import "env" "memory" (memory 1))

  ;; Table T[0][0]: channels [c0, c0 + b) of every cell of the map, laid out [cells, bs].
  ;; map: the [h, w, k] map + 4 * c0; kb = 4k; bsb = 4bs; bb = 4b.
  (func (export "copyBlock")
    (param $map i32) (param $cells i32) (param $kb i32) (param $bb i32) (param $bsb i32) (param $t i32)
    (local $src i32) (local $dst i32) (local $end i32) (local $j i32) (local $vecEnd i32)
    (local.set $vecEnd (i32.and (local.get $bb) (i32.const -16)))
    (local.set $src (local.get $map))
    (local.set $dst (local.get $t))
    (local.set $end (i32.add (local.get $t) (i32.mul (local.get $cells) (local.get $bsb))))
    (block $done
      (loop $cell
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (local.set $j (i32.const 0))
        (block $vd
          (loop $v
            (br_if $vd (i32.ge_u (local.get $j) (local.get $vecEnd)))
            (v128.store (i32.add (local.get $dst) (local.get $j)) (v128.load (i32.add (local.get $src) (local.get $j))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $v)))
        ;; The last block may hold k mod 4 channels past the vectors: copy them one by one, so no read
        ;; runs past the map.
        (block $sd
          (loop $s
            (br_if $sd (i32.ge_u (local.get $j) (local.get $bb)))
            (f32.store (i32.add (local.get $dst) (local.get $j)) (f32.load (i32.add (local.get $src) (local.get $j))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $s)))
        (local.set $src (i32.add (local.get $src) (local.get $kb)))
        (local.set $dst (i32.add (local.get $dst) (local.get $bsb)))
        (br $cell))))

  ;; One doubling step of the table: dst[y][x] = max(src[y][x], src at +step) for y < rows, over
  ;; rowBytes contiguous bytes of each row (cols * bsb); pitch = w * bsb. step is one table shift
  ;; along x (2^(e-1) * bsb) or along y (2^(a-1) * pitch). dst may be src: cells are visited in
  ;; increasing address order and step > 0, so each is read before it is overwritten.
  (func (export "double")
    (param $src i32) (param $dst i32) (param $step i32) (param $rows i32) (param $rowBytes i32) (param $pitch i32)
    (local $s i32) (local $d i32) (local $e i32) (local $y i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $y) (local.get $rows)))
        (local.set $s (i32.add (local.get $src) (i32.mul (local.get $y) (local.get $pitch))))
        (local.set $d (i32.add (local.get $dst) (i32.mul (local.get $y) (local.get $pitch))))
        (local.set $e (i32.add (local.get $d) (local.get $rowBytes)))
        (block $vd
          (loop $v
            (br_if $vd (i32.ge_u (local.get $d) (local.get $e)))
            (v128.store (local.get $d)
              (f32x4.pmax (v128.load (local.get $s)) (v128.load (i32.add (local.get $s) (local.get $step)))))
            (local.set $s (i32.add (local.get $s) (i32.const 16)))
            (local.set $d (i32.add (local.get $d) (i32.const 16)))
            (br $v)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $row))))

  ;; Range-maximum queries on one sub-table T[a][e] at t: for rects order[0..n) (each [y0, y1, x0, x1)
  ;; as 4 i32, all with floor(log2 height) = a and floor(log2 width) = e), the max of the 4
  ;; overlapping 2^a x 2^e squares at the rect's corners. Writes bb bytes at out + i * kb (out is
  ;; already offset to the block's first channel). At 43x57x256 this runs at the speed of writing the
  ;; output (the same time with 1 table read per vector as with 4): the stores are what cost.
  (func (export "query")
    (param $t i32) (param $pitch i32) (param $bsb i32) (param $bb i32)
    (param $rects i32) (param $order i32) (param $n i32) (param $out i32) (param $kb i32)
    (local $g i32) (local $r i32) (local $i i32) (local $y0 i32) (local $y1 i32) (local $x0 i32) (local $x1 i32)
    (local $row0 i32) (local $row1 i32)
    (local $p00 i32) (local $p01 i32) (local $p10 i32) (local $p11 i32) (local $o i32) (local $j i32) (local $vecEnd i32)
    (local.set $vecEnd (i32.and (local.get $bb) (i32.const -16)))
    (block $done
      (loop $rect
        (br_if $done (i32.ge_u (local.get $g) (local.get $n)))
        (local.set $i (i32.load (i32.add (local.get $order) (i32.shl (local.get $g) (i32.const 2)))))
        (local.set $r (i32.add (local.get $rects) (i32.shl (local.get $i) (i32.const 4))))
        (local.set $y0 (i32.load (local.get $r)))
        (local.set $y1 (i32.load offset=4 (local.get $r)))
        (local.set $x0 (i32.load offset=8 (local.get $r)))
        (local.set $x1 (i32.load offset=12 (local.get $r)))
        ;; Far corner: y1 - 2^a, x1 - 2^e, where 2^a is the highest set bit of the height.
        (local.set $y1 (i32.sub (local.get $y1)
          (i32.shl (i32.const 1) (i32.sub (i32.const 31) (i32.clz (i32.sub (local.get $y1) (local.get $y0)))))))
        (local.set $x1 (i32.sub (local.get $x1)
          (i32.shl (i32.const 1) (i32.sub (i32.const 31) (i32.clz (i32.sub (local.get $x1) (local.get $x0)))))))
        (local.set $row0 (i32.add (local.get $t) (i32.mul (local.get $y0) (local.get $pitch))))
        (local.set $row1 (i32.add (local.get $t) (i32.mul (local.get $y1) (local.get $pitch))))
        (local.set $x0 (i32.mul (local.get $x0) (local.get $bsb)))
        (local.set $x1 (i32.mul (local.get $x1) (local.get $bsb)))
        (local.set $p00 (i32.add (local.get $row0) (local.get $x0)))
        (local.set $p01 (i32.add (local.get $row0) (local.get $x1)))
        (local.set $p10 (i32.add (local.get $row1) (local.get $x0)))
        (local.set $p11 (i32.add (local.get $row1) (local.get $x1)))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $kb))))
        (local.set $j (i32.const 0))
        ;; 4 vectors (one 64-byte cache line) per iteration while they last, then one at a time.
        (block $ud
          (loop $u
            (br_if $ud (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $vecEnd)))
            (v128.store (i32.add (local.get $o) (local.get $j))
              (f32x4.pmax
                (f32x4.pmax (v128.load (i32.add (local.get $p00) (local.get $j))) (v128.load (i32.add (local.get $p01) (local.get $j))))
                (f32x4.pmax (v128.load (i32.add (local.get $p10) (local.get $j))) (v128.load (i32.add (local.get $p11) (local.get $j))))))
            (v128.store offset=16 (i32.add (local.get $o) (local.get $j))
              (f32x4.pmax
                (f32x4.pmax (v128.load offset=16 (i32.add (local.get $p00) (local.get $j))) (v128.load offset=16 (i32.add (local.get $p01) (local.get $j))))
                (f32x4.pmax (v128.load offset=16 (i32.add (local.get $p10) (local.get $j))) (v128.load offset=16 (i32.add (local.get $p11) (local.get $j))))))
            (v128.store offset=32 (i32.add (local.get $o) (local.get $j))
              (f32x4.pmax
                (f32x4.pmax (v128.load offset=32 (i32.add (local.get $p00) (local.get $j))) (v128.load offset=32 (i32.add (local.get $p01) (local.get $j))))
                (f32x4.pmax (v128.load offset=32 (i32.add (local.get $p10) (local.get $j))) (v128.load offset=32 (i32.add (local.get $p11) (local.get $j))))))
            (v128.store offset=48 (i32.add (local.get $o) (local.get $j))
              (f32x4.pmax
                (f32x4.pmax (v128.load offset=48 (i32.add (local.get $p00) (local.get $j))) (v128.load offset=48 (i32.add (local.get $p01) (local.get $j))))
                (f32x4.pmax (v128.load offset=48 (i32.add (local.get $p10) (local.get $j))) (v128.load offset=48 (i32.add (local.get $p11) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 64)))
            (br $u)))
        (block $vd
          (loop $v
            (br_if $vd (i32.ge_u (local.get $j) (local.get $vecEnd)))
            (v128.store (i32.add (local.get $o) (local.get $j))
              (f32x4.pmax
                (f32x4.pmax (v128.load (i32.add (local.get $p00) (local.get $j))) (v128.load (i32.add (local.get $p01) (local.get $j))))
                (f32x4.pmax (v128.load (i32.add (local.get $p10) (local.get $j))) (v128.load (i32.add (local.get $p11) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $v)))
        (block $sd
          (loop $s
            (br_if $sd (i32.ge_u (local.get $j) (local.get $bb)))
            (f32.store (i32.add (local.get $o) (local.get $j))
              (f32.max
                (f32.max (f32.load (i32.add (local.get $p00) (local.get $j))) (f32.load (i32.add (local.get $p01) (local.get $j))))
                (f32.max (f32.load (i32.add (local.get $p10) (local.get $j))) (f32.load (i32.add (local.get $p11) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $s)))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (br $rect)))))
