#!/bin/sh
# Retake the README's screenshots at 1366x768 on the sample project (offscreen).
# Usage (from the repository root): sh packaging/readme_screenshots.sh
set -e
export QT_QPA_PLATFORM=offscreen
S="uv run python packaging/screenshots.py resources/sample_project/mlruns --size 1366x768"
EXP=고객_이탈_예측
COLS="attribute:run_name,attribute:status,metric:latest:val_auc,metric:latest:val_loss,param:model,param:learning_rate,param:max_depth,attribute:duration,metric:latest:train_loss"
AXES="param:model,param:max_depth,param:learning_rate,param:n_estimators,param:num_leaves,metric:train_loss,metric:val_loss,metric:val_auc"
$S --experiment "$EXP" --name workflow-1-open --hide-detail
$S --experiment "$EXP" --columns "$COLS" --sort val_auc --name workflow-2-sort --hide-detail
$S --experiment "$EXP" --columns "$COLS" --sort val_auc --select 1 --tab Metrics \
  --metrics train_loss,val_auc,val_loss --name workflow-3-inspect
$S --experiment "$EXP" --columns "$COLS" --sort val_auc --select 20 --compare parallel \
  --color metric:val_auc --axes "$AXES" --name workflow-4-compare
$S --experiment "$EXP" --columns "$COLS" --sort val_auc --select 20 --compare parallel \
  --color metric:val_auc --axes "$AXES" --name compare-parallel
$S --experiment "$EXP" --columns "$COLS" --sort val_auc --select 4 --compare table \
  --name compare-table
$S --experiment "$EXP" --columns "$COLS" --sort val_auc --select 1 --tab Metrics \
  --metrics val_auc,val_loss --name run-detail-metrics
$S --experiment "$EXP" --columns "$COLS" --sort val_auc --select 1 --theme dark \
  --name main-window-dark
MLFLOW_DESKTOP_LANG=ko $S --experiment "$EXP" --columns "$COLS" --sort val_auc \
  --select 1 --name main-window-ko
$S --experiment "$EXP" --columns "$COLS" --sort val_auc --unfold --name runs-nested \
  --hide-detail
$S --experiment "$EXP" --columns "$COLS" --sort val_auc --group param:model \
  --name runs-grouped --hide-detail
$S --experiment "$EXP" --columns "$COLS" --sort val_auc --group param:model --select 3 \
  --compare curves --name compare-groups
