{
  # The reslab engine: a thin Node-API layer over libtorch.
  # libtorch comes from $LIBTORCH (a directory with include/ and lib/, the tch-rs convention,
  # e.g. a CUDA build) or, without it, from the system (Debian's libtorch-dev).
  "variables": {
    "libtorch%": "<!(node -p \"process.env.LIBTORCH || ''\")"
  },
  "targets": [
    {
      # Plain C++ element loops (fused optimizer updates), built apart so they can have
      # -O3 and no errno on sqrt, which lets GCC vectorise them; no libtorch headers.
      "target_name": "reslab_kernels",
      "type": "static_library",
      "sources": ["src/kernels/optim_kernels.cc"],
      "cflags_cc!": ["-std=gnu++17", "-std=gnu++20", "-O2", "-O3"],
      "cflags_cc": ["-std=c++17", "-O3", "-fno-math-errno", "-fPIC"]
    },
    {
      # The op wrappers in src/gen/ are generated from the op table in ops/ by
      # scripts/gen-ops.ts and checked in, so building needs no TypeScript.
      "target_name": "reslab_native",
      "dependencies": ["reslab_kernels"],
      "sources": [
        "src/addon.cc",
        "src/host.cc",
        "src/gen/create.cc",
        "src/gen/shape.cc",
        "src/gen/math.cc",
        "src/gen/nn.cc",
        "src/gen/init.cc",
        "src/autograd.cc",
        "src/optim.cc",
        "src/xgboost.cc"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")"
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["-std=c++17", "-O2", "-fexceptions", "-frtti", "-Wno-unused-parameter", "-Wno-deprecated-declarations"],
      "conditions": [
        ["libtorch==''", {
          "include_dirs": ["/usr/include/torch/csrc/api/include"],
          "libraries": ["-ltorch", "-ltorch_cpu", "-lc10", "-lxgboost"]
        }, {
          "include_dirs": ["<(libtorch)/include", "<(libtorch)/include/torch/csrc/api/include"],
          "libraries": ["-L<(libtorch)/lib", "-Wl,-rpath,<(libtorch)/lib", "-Wl,--no-as-needed", "-ltorch", "-ltorch_cpu", "-lc10", "-Wl,--as-needed", "-lxgboost"]
        }]
      ]
    }
  ]
}
