// Shape, indexing and joining ops.
#include "common.h"

using namespace reslab;

RESLAB_FN(reshape) { return Wrap(env, TA(0).reshape(IntList(info[1]))); }
RESLAB_FN(view) { return Wrap(env, TA(0).view(IntList(info[1]))); }
RESLAB_FN(permute) { return Wrap(env, TA(0).permute(IntList(info[1]))); }
RESLAB_FN(transpose) { return Wrap(env, TA(0).transpose(Int(info[1], 0), Int(info[2], 1))); }
RESLAB_FN(flatten) { return Wrap(env, TA(0).flatten(Int(info[1], 0), Int(info[2], -1))); }
RESLAB_FN(squeeze) {
  if (IsNullish(info[1])) return Wrap(env, TA(0).squeeze());
  return Wrap(env, TA(0).squeeze(Int(info[1], 0)));
}
RESLAB_FN(unsqueeze) { return Wrap(env, TA(0).unsqueeze(Int(info[1], 0))); }
RESLAB_FN(expand) { return Wrap(env, TA(0).expand(IntList(info[1]))); }
RESLAB_FN(contiguous) { return Wrap(env, TA(0).contiguous()); }
RESLAB_FN(clone) { return Wrap(env, TA(0).clone()); }
RESLAB_FN(repeat) { return Wrap(env, TA(0).repeat(IntList(info[1]))); }
RESLAB_FN(flip) { return Wrap(env, TA(0).flip(IntList(info[1]))); }
RESLAB_FN(cat) { return Wrap(env, at::cat(TensorList(info[0]), Int(info[1], 0))); }
RESLAB_FN(stack) { return Wrap(env, at::stack(TensorList(info[0]), Int(info[1], 0))); }
// (t, sizeOrSizes, dim)
RESLAB_FN(split) {
  if (info[1].IsArray()) return WrapList(env, TA(0).split_with_sizes(IntList(info[1]), Int(info[2], 0)));
  return WrapList(env, TA(0).split(Int(info[1], 1), Int(info[2], 0)));
}
RESLAB_FN(chunk) { return WrapList(env, TA(0).chunk(Int(info[1], 1), Int(info[2], 0))); }
RESLAB_FN(unbind) { return WrapList(env, TA(0).unbind(Int(info[1], 0))); }
// (t, dim, start, length)
RESLAB_FN(narrow) { return Wrap(env, TA(0).narrow(Int(info[1], 0), Int(info[2], 0), Int(info[3], 1))); }
// (t, dim, start, end, step); end null = to the end
RESLAB_FN(slice) {
  c10::optional<int64_t> end;
  if (!IsNullish(info[3])) end = Int(info[3], 0);
  return Wrap(env, TA(0).slice(Int(info[1], 0), Int(info[2], 0), end, Int(info[4], 1)));
}
RESLAB_FN(select) { return Wrap(env, TA(0).select(Int(info[1], 0), Int(info[2], 0))); }
RESLAB_FN(indexSelect) { return Wrap(env, TA(0).index_select(Int(info[1], 0), TA(2))); }
RESLAB_FN(gather) { return Wrap(env, TA(0).gather(Int(info[1], 0), TA(2))); }
// (t, dim, index, src)
RESLAB_FN(scatter) { return Wrap(env, TA(0).scatter(Int(info[1], 0), TA(2), TA(3))); }
RESLAB_FN(scatterAdd) { return Wrap(env, TA(0).scatter_add(Int(info[1], 0), TA(2), TA(3))); }
// (t, indexTensor) along dim 0, like t[idx] with a long or bool tensor
RESLAB_FN(index) {
  c10::List<c10::optional<at::Tensor>> idx;
  idx.push_back(TA(1));
  return Wrap(env, TA(0).index(idx));
}
RESLAB_FN(maskedSelect) { return Wrap(env, TA(0).masked_select(TA(1))); }
RESLAB_FN(maskedFill) {
  if (info[2].IsExternal()) return Wrap(env, TA(0).masked_fill(TA(1), TA(2)));
  return Wrap(env, TA(0).masked_fill(TA(1), Scalar(info[2])));
}
// (cond, a, b); a or b may be numbers
RESLAB_FN(where) {
  auto& c = TA(0);
  bool ta = info[1].IsExternal(), tb = info[2].IsExternal();
  if (ta && tb) return Wrap(env, at::where(c, TA(1), TA(2)));
  if (ta) return Wrap(env, at::where(c, TA(1), Scalar(info[2])));
  if (tb) return Wrap(env, at::where(c, Scalar(info[1]), TA(2)));
  return Wrap(env, at::where(c, Scalar(info[1]), Scalar(info[2])));
}
// (t, dtype|null, device|null)
RESLAB_FN(to) {
  auto& t = TA(0);
  auto st = IsNullish(info[1]) ? t.scalar_type() : DType(info[1]);
  auto dev = IsNullish(info[2]) ? t.device() : Device(info[2]);
  return Wrap(env, t.to(dev, st));
}
RESLAB_FN(nonzero) { return Wrap(env, TA(0).nonzero()); }
RESLAB_FN(tril) { return Wrap(env, TA(0).tril(Int(info[1], 0))); }
RESLAB_FN(triu) { return Wrap(env, TA(0).triu(Int(info[1], 0))); }
RESLAB_FN(oneHot) { return Wrap(env, at::one_hot(TA(0), Int(info[1], -1))); }
RESLAB_FN(pad) {
  std::string mode = IsNullish(info[2]) ? "constant" : info[2].As<Napi::String>().Utf8Value();
  c10::optional<double> value;
  if (mode == "constant") value = Num(info[3], 0.0);
  return Wrap(env, at::pad(TA(0), IntList(info[1]), mode, value));
}

void reslab::InitShape(Napi::Env env, Napi::Object e) {
  Export(env, e, "reshape", reshape);
  Export(env, e, "view", view);
  Export(env, e, "permute", permute);
  Export(env, e, "transpose", transpose);
  Export(env, e, "flatten", flatten);
  Export(env, e, "squeeze", squeeze);
  Export(env, e, "unsqueeze", unsqueeze);
  Export(env, e, "expand", expand);
  Export(env, e, "contiguous", contiguous);
  Export(env, e, "clone", clone);
  Export(env, e, "repeat", repeat);
  Export(env, e, "flip", flip);
  Export(env, e, "cat", cat);
  Export(env, e, "stack", stack);
  Export(env, e, "split", split);
  Export(env, e, "chunk", chunk);
  Export(env, e, "unbind", unbind);
  Export(env, e, "narrow", narrow);
  Export(env, e, "slice", slice);
  Export(env, e, "select", select);
  Export(env, e, "indexSelect", indexSelect);
  Export(env, e, "gather", gather);
  Export(env, e, "scatter", scatter);
  Export(env, e, "scatterAdd", scatterAdd);
  Export(env, e, "index", index);
  Export(env, e, "maskedSelect", maskedSelect);
  Export(env, e, "maskedFill", maskedFill);
  Export(env, e, "where", where);
  Export(env, e, "to", to);
  Export(env, e, "nonzero", nonzero);
  Export(env, e, "tril", tril);
  Export(env, e, "triu", triu);
  Export(env, e, "oneHot", oneHot);
  Export(env, e, "pad", pad);
}
